import { randomUUID } from 'node:crypto';
import {
  OrderCancelled,
  OrderDelivered,
  OrderPaid,
  OrderRefunded,
  UserDeleted,
  producerOf,
  type PayloadOf,
} from '@shop/contracts';
import type { EventEnvelope } from '@shop/platform';
import type { ProductsUnderTest } from './products-under-test.js';

/**
 * A real envelope as the relay of the type's producer publishes it; `id` fresh unless given (a
 * redelivery keeps it).
 */
export function envelope<P>(
  type: string,
  aggregateId: string,
  payload: P,
  id = randomUUID(),
): EventEnvelope<P> {
  const source = producerOf[type] ?? 'orders';
  return { id, type, source, aggregateId, occurredAt: new Date().toISOString(), payload };
}

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();
const lines = (productIds: string[]) =>
  productIds.map((productId) => ({ productId, name: 'Product', unitPrice: 1000, quantity: 1 }));

/** The order events products consumes, with plausible payloads. */
export const orderEvents = {
  paid(orderId: string, userId: string, productIds: string[], minute = 0) {
    const payload: PayloadOf<typeof OrderPaid> = {
      orderId,
      userId,
      at: at(minute),
      lines: lines(productIds),
      total: 1000 * productIds.length,
      currency: 'EUR',
    };
    return envelope(OrderPaid.type, orderId, payload);
  },
  delivered(orderId: string, userId: string, productIds: string[], minute = 30) {
    const payload: PayloadOf<typeof OrderDelivered> = {
      orderId,
      userId,
      at: at(minute),
      lines: lines(productIds),
    };
    return envelope(OrderDelivered.type, orderId, payload);
  },
  cancelled(orderId: string, userId: string, minute = 10) {
    const payload: PayloadOf<typeof OrderCancelled> = {
      orderId,
      userId,
      at: at(minute),
      reason: 'changed mind',
    };
    return envelope(OrderCancelled.type, orderId, payload);
  },
  refunded(orderId: string, userId: string, minute = 11) {
    const payload: PayloadOf<typeof OrderRefunded> = {
      orderId,
      userId,
      at: at(minute),
      amount: 1000,
      currency: 'EUR',
    };
    return envelope(OrderRefunded.type, orderId, payload);
  },
  userDeleted(userId: string) {
    const payload: PayloadOf<typeof UserDeleted> = { userId };
    return envelope(UserDeleted.type, userId, payload);
  },
};

/** Hands events to the service's consumer for their type, as the bus would, one after another. */
export async function deliver(t: ProductsUnderTest, ...events: EventEnvelope[]) {
  for (const event of events) {
    const consumer = Object.values(t.service.consumers).find((c) =>
      c.subscription.events.includes(event.type),
    );
    if (!consumer) throw new Error(`No consumer for ${event.type}`);
    await consumer.handler(event);
  }
}

/** Rows the review projection keeps, for assertions on the database state. */
export async function reviewRow(t: ProductsUnderTest, reviewId: string) {
  const { rows } = await t.db.query<{
    user_id: string;
    author_name: string;
    verified_purchase: boolean;
    helpful_count: number;
  }>('SELECT user_id, author_name, verified_purchase, helpful_count FROM reviews WHERE id = $1', [reviewId]);
  return rows[0];
}
