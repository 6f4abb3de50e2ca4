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
import { purchaseRepository } from '../data/purchase-repository.js';
import { purchaseLedger, type OrderPurchase } from '../domain/purchases.js';

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

const ledger = (tx: PoolClient) => purchaseLedger(purchaseRepository(tx));

const router = routeEvents<PoolClient>(
  [
    on(OrderPaid, (tx, order) => ledger(tx).bought(purchaseOf(order))),
    on(OrderDelivered, (tx, order) => ledger(tx).bought(purchaseOf(order))),
    on(OrderCancelled, (tx, order) => ledger(tx).revoked(order)),
    on(OrderRefunded, (tx, order) => ledger(tx).revoked(order)),
  ],
  allEvents,
);

/** Order events → purchases (verified-purchase reviews) and the "bought together" counts. */
export const purchaseEvents = (pool: Pool) =>
  idempotentConsumer(pool, { name: PURCHASES, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
