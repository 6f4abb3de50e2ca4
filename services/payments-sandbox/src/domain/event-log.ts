import { newId, unixNow } from './ids.js';
import type { RequestInfo } from './ports.js';
import type { EventType } from './stripe-fields.js';
import type { EventObject, StripeEvent } from './stripe-objects.js';

/** One attempt to deliver an event to the webhook endpoint. */
export interface DeliveryAttempt {
  /** Which copy (1…WEBHOOK_DUPLICATES, or a redelivery) this attempt belongs to. */
  copy: number;
  attempt: number;
  at: string;
  status: number | null;
  error: string | null;
}

export interface LoggedEvent {
  sequence: number;
  event: StripeEvent;
  paymentIntent: string | null;
  deliveries: DeliveryAttempt[];
}

export interface EventQuery {
  afterSequence?: number | undefined;
  limit: number;
  type?: string | undefined;
  paymentIntent?: string | undefined;
}

type Listener = (event: StripeEvent) => void;

/** Bounded so a long-running dev sandbox does not grow without end. */
const MAX_EVENTS = 10_000;

/**
 * Every event the account emitted, in order, with its delivery attempts. Events
 * carry a snapshot of the object as it was when the event happened, like Stripe's.
 */
export class EventLog {
  private readonly entries = new Map<string, LoggedEvent>();
  private readonly listeners = new Set<Listener>();
  private sequence = 0;

  constructor(
    private readonly apiVersion: string,
    private readonly endpointCount: () => number,
  ) {}

  emit(type: EventType, object: EventObject, request: RequestInfo): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: this.apiVersion,
      created: unixNow(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: this.endpointCount(),
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      type,
    };
    this.sequence += 1;
    const paymentIntent = object.object === 'payment_intent' ? object.id : object.payment_intent;
    this.entries.set(event.id, { sequence: this.sequence, event, paymentIntent, deliveries: [] });
    if (this.entries.size > MAX_EVENTS) this.entries.delete(this.entries.keys().next().value!);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): LoggedEvent | undefined {
    return this.entries.get(id);
  }

  /** Oldest first, after a sequence number (keyset pagination). */
  list(query: EventQuery): LoggedEvent[] {
    const page: LoggedEvent[] = [];
    for (const entry of this.entries.values()) {
      if (query.afterSequence !== undefined && entry.sequence <= query.afterSequence) continue;
      if (query.type !== undefined && entry.event.type !== query.type) continue;
      if (query.paymentIntent !== undefined && entry.paymentIntent !== query.paymentIntent) continue;
      page.push(entry);
      if (page.length === query.limit) break;
    }
    return page;
  }

  recordAttempt(id: string, attempt: DeliveryAttempt): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.deliveries.push(attempt);
    if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
      entry.event.pending_webhooks = 0;
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
