import { AppError } from '@shop/platform/domain';
import { StaleOrder } from './errors.js';
import {
  committed,
  expired,
  holdLost,
  paymentUpdated,
  refunded,
  rejected,
  reserved,
  voided,
} from './order-lifecycle.js';
import type { Order } from './order.js';
import type {
  Clock,
  Faults,
  Inventory,
  OrderStore,
  PaymentGateway,
  PaymentState,
  SagaLeases,
} from './ports.js';

export interface OrderSagaDeps {
  store: OrderStore;
  leases: SagaLeases;
  inventory: Inventory;
  payments: PaymentGateway;
  faults: Faults;
  /** This process, as the holder of leases. */
  owner: string;
  leaseSeconds: number;
  reservationTtlSeconds: number;
  /** Decides when an unpaid order has run out of time. */
  clock: Clock;
  log: { warn(details: object, message: string): void };
}

/** Steps one drive may take; a real order needs at most five, the rest guards against a loop. */
const MAX_STEPS = 12;

/**
 * The order saga, orchestrated here: each step makes one idempotent call to products or the
 * payment gateway, then stores its outcome (and the next step) in one transaction. The step is
 * stored before the call is made, so a crash anywhere is resumed by doing the step again.
 */
export class OrderSaga {
  constructor(private readonly deps: OrderSagaDeps) {}

  /**
   * Drives an order as far as it can go now. Only one driver per order runs at a time (the lease);
   * when another has it, this returns at once and that driver (or the recovery loop) goes on.
   */
  async drive(orderId: string, { leased = false, poll = false } = {}): Promise<void> {
    const { store, leases, owner, leaseSeconds } = this.deps;
    if (!leased && !(await leases.claim(orderId, owner, leaseSeconds))) return;
    let seenVersion: number | undefined;
    try {
      let order = await store.get(orderId);
      if (order && poll) order = await this.poll(order);
      for (let steps = 0; order && steps < MAX_STEPS && this.isDue(order); steps++) {
        try {
          order = await this.step(order);
        } catch (error) {
          if (!(error instanceof StaleOrder)) throw error;
          order = await store.get(orderId); // someone else changed it (a webhook, a cancel): decide again
        }
      }
      seenVersion = order?.version;
    } catch (error) {
      // A dependency is down or answered strangely: the recovery loop tries again later.
      this.deps.log.warn({ err: error, orderId }, 'order saga step failed; it will be retried');
      await leases.retryLater(orderId, owner, describe(error)).catch(() => undefined);
      return;
    }
    const version = await leases.release(orderId, owner);
    // Changed while we held it (e.g. a webhook whose own drive found us busy): look again.
    if (version !== undefined && seenVersion !== undefined && version !== seenVersion) {
      await this.drive(orderId);
    }
  }

  private now(): number {
    return this.deps.clock().getTime();
  }

  private isDue(order: Order): boolean {
    if (order.sagaStep === 'done') return false;
    if (order.sagaStep === 'await_payment') return order.expiresAt.getTime() <= this.now();
    return true;
  }

  /** Re-reads a payment awaiting the customer: its webhook may have been lost. */
  private async poll(order: Order): Promise<Order> {
    if (order.sagaStep !== 'await_payment' || !order.payment.intentId) return order;
    if (order.expiresAt.getTime() <= this.now()) return order; // the loop expires it
    return this.applyPayment(order, await this.deps.payments.retrieve(order.payment.intentId));
  }

  private async step(order: Order): Promise<Order | undefined> {
    const { store, inventory, payments, faults } = this.deps;
    const unpaidAndLate =
      (order.status === 'pending' || order.status === 'awaiting_payment') &&
      order.expiresAt.getTime() <= this.now();
    switch (order.sagaStep) {
      case 'reserve': {
        if (unpaidAndLate) return store.apply(order, expired(order));
        const outcome = await inventory.reserve(
          order.id,
          order.lines.map(({ productId, quantity }) => ({ productId, quantity })),
          this.deps.reservationTtlSeconds,
        );
        faults('crash-after-reserve');
        if (outcome.kind === 'held') return store.apply(order, reserved(order));
        const reason =
          outcome.kind === 'insufficient_stock'
            ? 'Not enough stock for some products.'
            : 'Some products are no longer sold.';
        return store.apply(order, rejected(order, reason));
      }
      case 'pay': {
        if (unpaidAndLate) return store.apply(order, expired(order));
        const state = await payments.charge({
          orderId: order.id,
          amount: order.total,
          currency: order.currency,
          paymentMethod: order.payment.method,
          idempotencyKey: `order-${order.id}-payment`,
        });
        faults('crash-after-payment');
        return this.recordCharge(order, state);
      }
      case 'await_payment': {
        // Due only once expired. A payment that made it in time (its webhook lost) is honoured;
        // otherwise the order is cancelled first and the intent voided after, so the gateway's
        // "canceled" that follows is never mistaken for a decline.
        const state = order.payment.intentId ? await payments.retrieve(order.payment.intentId) : undefined;
        if (state?.status === 'succeeded') return this.applyPayment(order, state);
        return store.apply(order, expired(order));
      }
      case 'commit': {
        faults('crash-before-commit');
        const outcome = await inventory.commit(order.id);
        faults('crash-after-commit');
        return store.apply(order, outcome === 'committed' ? committed(order) : holdLost(order));
      }
      case 'void': {
        const state = order.payment.intentId ? await payments.cancel(order.payment.intentId) : null;
        return store.apply(order, voided(order, state, await this.giveBackStock(order.id)));
      }
      case 'refund': {
        const { refundId } = await payments.refund({
          intentId: order.payment.intentId!,
          amount: order.total,
          idempotencyKey: `order-${order.id}-refund`,
        });
        let stock: 'released' | 'restocked' = 'restocked';
        if (order.stock === 'committed' || order.stock === 'restocked') await inventory.restock(order.id);
        else stock = await this.giveBackStock(order.id);
        return store.apply(order, refunded(order, refundId, stock));
      }
      case 'done':
        return order;
    }
  }

  /**
   * A charge's outcome is news whatever happened to the order while it was under way (a cancel,
   * say): it is applied to the order as it now is, so money taken for a cancelled order is refunded
   * even when the gateway's webhook never comes. Dropped, its PaymentIntent would be known nowhere.
   */
  private async recordCharge(order: Order, state: PaymentState): Promise<Order | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyPayment(order, state);
      } catch (error) {
        if (!(error instanceof StaleOrder) || attempt >= 5) throw error;
        const now = await this.deps.store.get(order.id);
        if (!now) return undefined;
        order = now;
      }
    }
  }

  /**
   * Gives the order's stock back: the hold is released, or, when products already committed it (a
   * commit whose outcome this side never recorded, say, before a cancel), the sold units are put
   * back on hand. Both calls are idempotent.
   */
  private async giveBackStock(orderId: string): Promise<'released' | 'restocked'> {
    if ((await this.deps.inventory.release(orderId)) === 'released') return 'released';
    await this.deps.inventory.restock(orderId);
    return 'restocked';
  }

  private async applyPayment(order: Order, state: PaymentState): Promise<Order> {
    const change = paymentUpdated(order, state);
    return change ? this.deps.store.apply(order, change) : order;
  }
}

function describe(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.detail ?? error.title}`;
  return error instanceof Error ? error.message : String(error);
}
