import type { FastifyBaseLogger } from 'fastify';
import type { EventLog, LoggedEvent } from '../domain/event-log.js';
import type { StripeEvent } from '../domain/stripe-objects.js';
import type { Settings } from '../settings.js';
import { WebhookSender } from './webhook-sender.js';

export interface WebhookOptions {
  secret: string;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
  log: FastifyBaseLogger;
}

interface Delivery {
  event: StripeEvent;
  /** Serialised once, so every copy and retry carries the same bytes. */
  payload: string;
  copies: number;
}

/** How long out-of-order mode gathers one PaymentIntent's events before shuffling them. */
const SHUFFLE_WINDOW_MS = 100;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * POSTs every event to the webhook endpoint, signed as Stripe signs. One
 * PaymentIntent's events go out one after another in the order they happened,
 * different PaymentIntents' in parallel, unless the knobs say otherwise: each event
 * N times, one PaymentIntent's events shuffled and delayed, or everything delayed.
 * A non-2xx answer or a network failure is retried with exponential backoff, a
 * bounded number of times; every attempt is recorded in the event log.
 */
export class WebhookDispatcher {
  private readonly sender: WebhookSender;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held = new Map<string, Delivery[]>();
  /** Per PaymentIntent, the tail of its chain of deliveries. */
  private readonly lanes = new Map<string, Promise<void>>();
  /** Bumped by cancelAll(): work scheduled before it is dropped. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: EventLog,
    private readonly settings: Settings,
    private readonly options: WebhookOptions,
  ) {
    this.sender = new WebhookSender({ secret: options.secret, timeoutMs: options.timeoutMs });
  }

  start(): void {
    this.unsubscribe ??= this.events.onEvent((event) => this.accept(event));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cancelAll();
    await Promise.all(this.lanes.values());
  }

  /** Forgets every delivery not yet made (sandbox reset, shutdown). */
  cancelAll(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.held.clear();
    this.sender.abortAll();
  }

  /** Sends an event again now (with retries after), as "Resend" in Stripe's dashboard. */
  async redeliver(eventId: string): Promise<LoggedEvent | undefined> {
    const entry = this.events.get(eventId);
    if (!entry) return undefined;
    const copy = Math.max(0, ...entry.deliveries.map((d) => d.copy)) + 1;
    const delivery = { event: entry.event, payload: serialise(entry.event), copies: 1 };
    await this.attempt(delivery, copy, 1, this.generation);
    return entry;
  }

  private accept(event: StripeEvent): void {
    const settings = this.settings.get();
    if (!settings.webhookUrl) return;
    const delivery = { event, payload: serialise(event), copies: settings.webhookDuplicates };
    const lane = laneOf(event);
    if (settings.webhookOutOfOrder) this.hold(lane, delivery, settings.webhookDelayMs || SHUFFLE_WINDOW_MS);
    else this.later(settings.webhookDelayMs, () => this.sendInOrder(lane, [delivery]));
  }

  /** Gathers one PaymentIntent's events for a random part of the window, then sends them shuffled. */
  private hold(lane: string, delivery: Delivery, windowMs: number): void {
    const batch = this.held.get(lane);
    if (batch) {
      batch.push(delivery);
      return;
    }
    this.held.set(lane, [delivery]);
    this.later(windowMs * (0.5 + Math.random() / 2), () => {
      const held = this.held.get(lane) ?? [];
      this.held.delete(lane);
      this.sendInOrder(lane, shuffled(held));
    });
  }

  private sendInOrder(lane: string, deliveries: Delivery[]): void {
    const generation = this.generation;
    const tail = (this.lanes.get(lane) ?? Promise.resolve()).then(async () => {
      for (const delivery of deliveries) {
        for (let copy = 1; copy <= delivery.copies; copy++) await this.attempt(delivery, copy, 1, generation);
      }
    });
    this.lanes.set(lane, tail);
    void tail.finally(() => {
      if (this.lanes.get(lane) === tail) this.lanes.delete(lane);
    });
  }

  private async attempt(
    delivery: Delivery,
    copy: number,
    attempt: number,
    generation: number,
  ): Promise<void> {
    const endpoints = this.settings.get().webhookUrl;
    if (generation !== this.generation || !endpoints) return;
    // Several URLs (the launcher's replicas of orders, with no load balancer in front): events are
    // spread over them, and each retry of one goes to the next, so it reaches another when one is down.
    // The duplicates of a delivery go to different instances too, so they race as Stripe's can.
    const urls = endpoints.split(',').map((part) => part.trim());
    const url = urls[(spreadOf(delivery.event.id) + copy - 1 + attempt - 1) % urls.length]!;
    const at = new Date().toISOString();
    const outcome = await this.sender.send(url, delivery.payload);
    if (generation !== this.generation) return;
    this.events.recordAttempt(delivery.event.id, { copy, attempt, at, ...outcome });
    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) return;
    const retry = attempt < this.options.maxAttempts;
    this.options.log.warn(
      { eventId: delivery.event.id, type: delivery.event.type, attempt, ...outcome, retry },
      'webhook delivery failed',
    );
    if (retry) {
      const backoff = Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
      this.later(backoff, () => void this.attempt(delivery, copy, attempt + 1, generation));
    }
  }

  private later(ms: number, task: () => void): void {
    if (ms <= 0) {
      task();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}

/** A number from an event id, the same for every attempt of its delivery. */
function spreadOf(id: string): number {
  let sum = 0;
  for (let i = 0; i < id.length; i++) sum = (sum + id.charCodeAt(i)) % 1_000_003;
  return sum;
}

function laneOf(event: StripeEvent): string {
  const object = event.data.object;
  return object.object === 'payment_intent' ? object.id : object.payment_intent;
}

/** Stripe sends its events pretty-printed; receivers must verify the raw bytes, not a re-serialisation. */
function serialise(event: StripeEvent): string {
  return JSON.stringify(event, null, 2);
}

/** A random order that differs from the original whenever there are two or more deliveries. */
function shuffled<T>(items: T[]): T[] {
  if (items.length < 2) return items;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.every((item, i) => item === items[i]) ? copy.reverse() : copy;
}
