/** An order as the purchase rules see it: who bought which products, and when. */
export interface OrderPurchase {
  orderId: string;
  userId: string;
  productIds: string[];
  at: string;
}

/** The writes of one order event, all in the transaction of its inbox entry. */
export interface PurchaseWrites {
  /**
   * Waits for review writes and an erasure of this user in progress, so a review written
   * meanwhile is judged against the purchases as this event leaves them.
   */
  lockUser(userId: string): Promise<void>;
  isForgotten(userId: string): Promise<boolean>;
  /** Turns the order's `bought` fact on; `first` the one time it does. */
  markBought(orderId: string, productIds: string[]): Promise<{ first: boolean; revoked: boolean }>;
  /** Turns the order's `revoked` fact on; `first` the one time it does. */
  markRevoked(orderId: string): Promise<{ first: boolean; bought: boolean; productIds: string[] }>;
  /** Each pair of these products was bought together in one more (+1) or one fewer (-1) order. */
  countBoughtTogether(productIds: string[], change: 1 | -1): Promise<void>;
  /** The buyer's purchase rows; a repeat keeps the earliest time, whichever event came first. */
  addPurchases(purchase: OrderPurchase): Promise<void>;
  removePurchases(orderId: string): Promise<void>;
  /** Sets `verifiedPurchase` of the user's reviews of these products from their purchases. */
  refreshVerified(userId: string, productIds: string[]): Promise<void>;
}

export interface PurchasesDeps {
  /** The writes of the one event being handled, in its inbox entry's transaction. */
  purchases: PurchaseWrites;
}

/**
 * The purchase rules, fed by order events. A purchase counts while its order is bought
 * (`order.paid.v1` or `order.delivered.v1`) and not revoked (`order.cancelled.v1` or
 * `order.refunded.v1`): orders are only cancelled before they ship, so the buyer of a revoked
 * order never had the goods, and neither the verified mark nor "bought together" should say
 * otherwise. Both facts only ever turn on, so the outcome does not depend on their order.
 */
export class Purchases {
  constructor(private readonly deps: PurchasesDeps) {}

  async bought(purchase: OrderPurchase): Promise<void> {
    const { purchases: tx } = this.deps;
    const productIds = [...new Set(purchase.productIds)];
    await tx.lockUser(purchase.userId);
    const order = await tx.markBought(purchase.orderId, productIds);
    if (order.revoked) return;
    if (order.first) await tx.countBoughtTogether(productIds, 1);
    // An erased account keeps no purchases: "bought together" stays, it names nobody.
    if (await tx.isForgotten(purchase.userId)) return;
    await tx.addPurchases({ ...purchase, productIds });
    await tx.refreshVerified(purchase.userId, productIds);
  }

  async revoked({ orderId, userId }: { orderId: string; userId: string }): Promise<void> {
    const { purchases: tx } = this.deps;
    await tx.lockUser(userId);
    const order = await tx.markRevoked(orderId);
    if (!order.first || !order.bought) return; // never counted: nothing to take back
    await tx.countBoughtTogether(order.productIds, -1);
    await tx.removePurchases(orderId);
    // Another order of the same product keeps the mark.
    await tx.refreshVerified(userId, order.productIds);
  }
}
