import { AccountDeleted, StaleOrder } from './errors.js';
import { accountClosed } from './order-lifecycle.js';
import { CANCELLABLE } from './order-status.js';
import type { OrderStore } from './ports.js';

export interface ErasureStore {
  isErased(userId: string): Promise<boolean>;
  /** Erasures to look at again now (unfinished, their next check reached), oldest first. */
  due(limit: number): Promise<string[]>;
  /** The account's orders that could still ship. */
  openOrders(userId: string): Promise<string[]>;
  /** Empties the cart, forgets idempotency keys, anonymises every order that can no longer ship. */
  scrub(userId: string): Promise<void>;
  /**
   * Finished once no order is left to anonymise and `watchSeconds` have passed since the deletion;
   * else looked at again on the next pass (an order still open) or after `recheckSeconds`.
   */
  settle(userId: string, watchSeconds: number, recheckSeconds: number): Promise<void>;
}

export interface AccountErasureDeps {
  erasures: ErasureStore;
  orders: OrderStore;
  /** How long writes made with access tokens issued before the deletion are watched for. */
  watchSeconds: number;
  recheckSeconds: number;
}

/**
 * A deleted account (user.deleted.v1): its orders stay for the shop's accounts, anonymised; its cart
 * and idempotency keys go. An order that has not shipped is cancelled first (refunded if paid):
 * there is nobody left to ship it to. The consumer scrubs what it can at once; each recovery pass
 * cancels open orders and scrubs what a still-valid access token wrote after the deletion.
 */
export class AccountErasure {
  constructor(private readonly deps: AccountErasureDeps) {}

  /** A checkout would store personal data again: refused for a deleted account. */
  async assertNotErased(userId: string): Promise<void> {
    if (await this.deps.erasures.isErased(userId)) {
      throw new AccountDeleted('This account was deleted; sign in with another one.');
    }
  }

  async progress(limit = 50): Promise<void> {
    const { erasures, watchSeconds, recheckSeconds } = this.deps;
    for (const userId of await erasures.due(limit)) {
      for (const orderId of await erasures.openOrders(userId)) await this.cancel(orderId);
      await erasures.scrub(userId);
      await erasures.settle(userId, watchSeconds, recheckSeconds);
    }
  }

  private async cancel(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (!order || !CANCELLABLE.includes(order.status)) return;
    try {
      // The saga takes it from there (void or refund) on the recovery loop.
      await this.deps.orders.apply(order, accountClosed(order));
    } catch (error) {
      // Changed meanwhile (paid, shipped…): the next pass decides again on what it has become.
      if (!(error instanceof StaleOrder)) throw error;
    }
  }
}
