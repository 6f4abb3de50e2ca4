import {
  OrderCancelled,
  OrderDelivered,
  OrderPaid,
  OrderRefunded,
  allEvents,
  on,
  routeEvents,
  type PayloadOf,
} from '@shop/contracts';
import { isUuid, idempotentConsumer, type Pool, type PoolClient } from '@shop/platform';
import type { OrderPurchase, Purchases } from '../domain/purchases.js';

export const PURCHASES = 'products.purchases';

function purchaseOf(order: PayloadOf<typeof OrderPaid> | PayloadOf<typeof OrderDelivered>): OrderPurchase {
  return {
    orderId: order.orderId,
    userId: order.userId,
    // This catalog's ids are UUIDs: anything else cannot be one of its products.
    productIds: order.lines.map((line) => line.productId).filter(isUuid),
    at: order.at,
  };
}

/** Order events → purchases (verified-purchase reviews) and the "bought together" counts. */
export function purchaseEvents(pool: Pool, purchasesIn: (tx: PoolClient) => Purchases) {
  const router = routeEvents<PoolClient>(
    [
      on(OrderPaid, (tx, order) => purchasesIn(tx).bought(purchaseOf(order))),
      on(OrderDelivered, (tx, order) => purchasesIn(tx).bought(purchaseOf(order))),
      on(OrderCancelled, (tx, order) => purchasesIn(tx).revoked(order)),
      on(OrderRefunded, (tx, order) => purchasesIn(tx).revoked(order)),
    ],
    allEvents,
  );
  return idempotentConsumer(pool, { name: PURCHASES, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
}
