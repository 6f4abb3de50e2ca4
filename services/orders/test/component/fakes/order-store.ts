import type { NewEvent } from '@shop/platform/domain';
import type { UnpaidHoldings } from '../../../src/domain/checkout-limits.js';
import { DuplicateWebhookEvent, IdempotencyKeyInProgress, StaleOrder } from '../../../src/domain/errors.js';
import type { Order, TimelineEntry } from '../../../src/domain/order.js';
import type {
  KeyHolder,
  NewOrder,
  OrderChange,
  OrderFilter,
  OrderStore,
  OrderSummary,
  Page,
  SagaLeases,
  WebhookEventRecord,
} from '../../../src/domain/ports.js';
import type { FakeCartStore } from './carts.js';
import type { FakeClock } from './clock.js';
import type { FakeIdempotencyKeys } from './idempotency-keys.js';
import type { Power } from './power.js';

interface Row {
  order: Order;
  wakeAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  attempts: number;
  error: string | null;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The orders table, its status history, the outbox and the webhook log, in memory, with the
 * repository's rules: a change applies only to the version it was decided on (else StaleOrder); a
 * status change writes a timeline entry and its event in the same step; a new order is stored only
 * while its Idempotency-Key is still held by the request, after `admit` saw the customer's unpaid
 * orders; the saga's leases and wake-up times are kept as OrderRepository and SagaLeaseRepository keep
 * them.
 */
export class FakeOrderStore implements OrderStore {
  private readonly rows = new Map<string, Row>();
  private readonly history: (TimelineEntry & { orderId: string; actor: string })[] = [];
  private readonly webhookEvents = new Map<string, WebhookEventRecord>();
  /** Every event handed to the outbox, in order. */
  readonly events: NewEvent[] = [];
  /** Every refused write (a stale version), for tests that make one happen. */
  staleWrites = 0;
  readonly leases: SagaLeases;

  constructor(
    private readonly deps: {
      clock: FakeClock;
      power: Power;
      keys: FakeIdempotencyKeys;
      carts: FakeCartStore;
      pollSeconds: number;
      leaseSeconds: number;
    },
  ) {
    this.leases = new FakeSagaLeases(this.rows, deps);
  }

  async create(
    order: NewOrder,
    leaseOwner: string,
    idempotency: KeyHolder,
    admit: (unpaid: UnpaidHoldings) => void,
  ): Promise<Order> {
    this.deps.power.assertUp();
    admit(this.unpaidOf(order.userId));
    if (!this.deps.keys.link(idempotency, order.id)) {
      throw new IdempotencyKeyInProgress({
        detail: 'Another request with this key took over; retry shortly with the same key.',
        retryAfterSeconds: 1,
      });
    }
    const now = this.deps.clock.now();
    const stored: Order = {
      id: order.id,
      userId: order.userId,
      status: 'pending',
      currency: order.currency,
      subtotal: order.subtotal,
      shipping: order.shipping,
      total: order.total,
      shippingAddress: clone(order.shippingAddress),
      anonymisedAt: null,
      fromCart: order.fromCart,
      lines: clone(order.lines),
      payment: {
        method: order.paymentMethod,
        status: 'pending',
        intentId: null,
        nextAction: null,
        failure: null,
        refundId: null,
      },
      stock: 'none',
      tracking: null,
      sagaStep: 'reserve',
      version: 1,
      createdAt: now,
      updatedAt: now,
      expiresAt: order.expiresAt,
    };
    this.rows.set(order.id, {
      order: stored,
      wakeAt: now,
      leaseOwner,
      leaseUntil: new Date(now.getTime() + this.deps.leaseSeconds * 1000),
      attempts: 0,
      error: null,
    });
    this.addHistory(order.id, 'pending', `user:${order.userId}`, null, null);
    this.events.push(clone(order.placedEvent));
    return clone(stored);
  }

  async get(id: string): Promise<Order | undefined> {
    this.deps.power.assertUp();
    const row = this.rows.get(id);
    return row && clone(row.order);
  }

  async findByPaymentIntent(intentId: string): Promise<Order | undefined> {
    this.deps.power.assertUp();
    const row = [...this.rows.values()].find((r) => r.order.payment.intentId === intentId);
    return row && clone(row.order);
  }

  async apply(
    order: Order,
    change: OrderChange,
    options: { webhookEvent?: WebhookEventRecord } = {},
  ): Promise<Order> {
    this.deps.power.assertUp();
    const row = this.rows.get(order.id);
    if (!row) throw new StaleOrder();
    if (options.webhookEvent && this.webhookEvents.has(options.webhookEvent.id)) {
      throw new DuplicateWebhookEvent();
    }
    if (row.order.version !== order.version) {
      this.staleWrites++;
      throw new StaleOrder();
    }
    if (options.webhookEvent) this.webhookEvents.set(options.webhookEvent.id, clone(options.webhookEvent));
    const now = this.deps.clock.now();
    const step = change.sagaStep ?? order.sagaStep;
    const next: Order = {
      ...clone(row.order),
      status: change.status?.to ?? order.status,
      sagaStep: step,
      payment: { ...order.payment, ...clone(change.payment) },
      stock: change.stock ?? order.stock,
      tracking: change.tracking ?? order.tracking,
      version: order.version + 1,
      updatedAt: now,
    };
    row.order = next;
    row.attempts = 0;
    row.error = null;
    row.wakeAt = wakeAt(step, next.expiresAt, now, this.deps.pollSeconds);
    if (change.status) {
      const { to, actor, reason, event } = change.status;
      const who = actor.id ? `${actor.kind}:${actor.id}` : actor.kind;
      this.addHistory(order.id, to, who, reason, to === 'shipped' ? next.tracking : null);
      this.events.push(clone(event));
    }
    if (change.clearCart) {
      await this.deps.carts.clearAsOrdered(
        order.userId,
        order.lines.map((line) => line.productId),
      );
    }
    return clone(next);
  }

  async recordWebhookEvent(event: WebhookEventRecord): Promise<boolean> {
    this.deps.power.assertUp();
    if (this.webhookEvents.has(event.id)) return false;
    this.webhookEvents.set(event.id, clone(event));
    return true;
  }

  async webhookEventSeen(eventId: string): Promise<boolean> {
    this.deps.power.assertUp();
    return this.webhookEvents.has(eventId);
  }

  async timeline(id: string, afterId = 0): Promise<TimelineEntry[]> {
    this.deps.power.assertUp();
    return this.history
      .filter((entry) => entry.orderId === id && entry.id > afterId)
      .map(({ id: entryId, status, at, reason, tracking }) => ({
        id: entryId,
        status,
        at,
        reason,
        tracking,
      }));
  }

  async list(filter: OrderFilter, limit: number): Promise<Page<OrderSummary>> {
    this.deps.power.assertUp();
    const items = [...this.rows.values()]
      .map((row) => row.order)
      .filter(
        (o) =>
          (filter.userId === undefined || o.userId === filter.userId) &&
          (!filter.status || o.status === filter.status),
      )
      .slice(0, limit)
      .map((o) => ({
        id: o.id,
        userId: o.userId,
        status: o.status,
        currency: o.currency,
        subtotal: o.subtotal,
        shipping: o.shipping,
        total: o.total,
        itemCount: o.lines.reduce((sum, line) => sum + line.quantity, 0),
        createdAt: o.createdAt,
        updatedAt: o.updatedAt,
      }));
    return { items, nextCursor: null };
  }

  // For assertions --------------------------------------------------------------------------------

  /** Every order stored, as it is now. */
  all(): Order[] {
    return [...this.rows.values()].map((row) => clone(row.order));
  }

  /** The statuses an order went through, in order. */
  statuses(orderId: string): string[] {
    return this.history.filter((entry) => entry.orderId === orderId).map((entry) => entry.status);
  }

  /** The event types written for an order, in order. */
  eventTypes(orderId: string): string[] {
    return this.events.filter((event) => event.aggregateId === orderId).map((event) => event.type);
  }

  /** Who holds the order's saga lease now, and why its last step failed (if it did). */
  sagaOf(orderId: string): Pick<Row, 'leaseOwner' | 'leaseUntil' | 'wakeAt' | 'attempts' | 'error'> {
    const { leaseOwner, leaseUntil, wakeAt: wake, attempts, error } = this.rows.get(orderId)!;
    return { leaseOwner, leaseUntil, wakeAt: wake, attempts, error };
  }

  private unpaidOf(userId: string): UnpaidHoldings {
    const unpaid = [...this.rows.values()]
      .map((row) => row.order)
      .filter((o) => o.userId === userId && (o.status === 'pending' || o.status === 'awaiting_payment'))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    return {
      orderIds: unpaid.map((o) => o.id),
      units: unpaid.reduce((sum, o) => sum + o.lines.reduce((n, line) => n + line.quantity, 0), 0),
    };
  }

  private addHistory(
    orderId: string,
    status: Order['status'],
    actor: string,
    reason: string | null,
    tracking: Order['tracking'],
  ): void {
    this.history.push({
      id: this.history.length + 1,
      orderId,
      status,
      actor,
      at: this.deps.clock.now(),
      reason,
      tracking: tracking ? clone(tracking) : null,
    });
  }
}

/** When the recovery loop looks at an order next (OrderRepository's WAKE_AT). */
function wakeAt(step: Order['sagaStep'], expiresAt: Date, now: Date, pollSeconds: number): Date | null {
  if (step === 'done') return null;
  if (step === 'await_payment')
    return new Date(Math.min(expiresAt.getTime(), now.getTime() + pollSeconds * 1000));
  return now;
}

class FakeSagaLeases implements SagaLeases {
  constructor(
    private readonly rows: Map<string, Row>,
    private readonly deps: { clock: FakeClock; power: Power; pollSeconds: number },
  ) {}

  async claim(orderId: string, owner: string, seconds: number): Promise<boolean> {
    this.deps.power.assertUp();
    const row = this.rows.get(orderId);
    const now = this.deps.clock.now();
    if (!row || (row.leaseUntil && row.leaseUntil >= now)) return false;
    row.leaseOwner = owner;
    row.leaseUntil = new Date(now.getTime() + seconds * 1000);
    return true;
  }

  async release(orderId: string, owner: string): Promise<number | undefined> {
    this.deps.power.assertUp();
    const row = this.rows.get(orderId);
    if (!row || row.leaseOwner !== owner) return undefined;
    const now = this.deps.clock.now();
    row.leaseOwner = null;
    row.leaseUntil = null;
    if (row.order.sagaStep === 'done') row.wakeAt = null;
    else if (row.order.sagaStep === 'await_payment' && row.wakeAt && row.wakeAt <= now) {
      row.wakeAt = wakeAt('await_payment', row.order.expiresAt, now, this.deps.pollSeconds);
    }
    return row.order.version;
  }

  async claimDue(owner: string, limit: number, seconds: number): Promise<string[]> {
    this.deps.power.assertUp();
    const now = this.deps.clock.now();
    const due = [...this.rows.values()]
      .filter((row) => row.wakeAt && row.wakeAt <= now && (!row.leaseUntil || row.leaseUntil < now))
      .sort((a, b) => a.wakeAt!.getTime() - b.wakeAt!.getTime())
      .slice(0, limit);
    for (const row of due) {
      row.leaseOwner = owner;
      row.leaseUntil = new Date(now.getTime() + seconds * 1000);
    }
    return due.map((row) => row.order.id);
  }

  async retryLater(orderId: string, owner: string, error: string): Promise<void> {
    this.deps.power.assertUp();
    const row = this.rows.get(orderId);
    if (!row || row.leaseOwner !== owner) return;
    const backoff = Math.min(60, 2 ** row.attempts);
    row.attempts++;
    row.error = error.slice(0, 500);
    row.wakeAt = new Date(this.deps.clock.now().getTime() + backoff * 1000);
    row.leaseOwner = null;
    row.leaseUntil = null;
  }
}
