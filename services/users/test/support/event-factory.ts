import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@shop/platform';

/** Envelopes as other services' outboxes write them, for publishing straight onto the bus. */
export function envelope<P>(
  type: string,
  source: string,
  aggregateId: string,
  payload: P,
  occurredAt = new Date(),
): EventEnvelope<P> {
  return { id: randomUUID(), type, source, aggregateId, occurredAt: occurredAt.toISOString(), payload };
}

/** The same fact told again under another event id (a producer re-emitting it). */
export const retold = <P>(event: EventEnvelope<P>): EventEnvelope<P> => ({ ...event, id: randomUUID() });

export interface Line {
  productId: string;
  name: string;
  price: number;
}

export function orderPaid(userId: string, lines: Line[], at: Date, orderId = randomUUID()) {
  return envelope(
    'order.paid.v1',
    'orders',
    orderId,
    {
      orderId,
      userId,
      at: at.toISOString(),
      lines: lines.map((l) => ({ productId: l.productId, name: l.name, unitPrice: l.price, quantity: 1 })),
      total: lines.reduce((sum, l) => sum + l.price, 0),
      currency: 'EUR',
    },
    at,
  );
}

export function orderShipped(userId: string, orderId: string, carrier: string, trackingNumber: string) {
  return envelope('order.shipped.v1', 'orders', orderId, {
    orderId,
    userId,
    at: new Date().toISOString(),
    carrier,
    trackingNumber,
  });
}

export function orderDelivered(userId: string, orderId: string, lines: Line[]) {
  return envelope('order.delivered.v1', 'orders', orderId, {
    orderId,
    userId,
    at: new Date().toISOString(),
    lines: lines.map((l) => ({ productId: l.productId, name: l.name, unitPrice: l.price, quantity: 1 })),
  });
}

interface ProductFacts {
  id: string;
  name: string;
  categoryId: string;
  brand: string;
  price: number;
}

export function productSnapshot(
  type: 'product.created.v1' | 'product.updated.v1',
  p: ProductFacts,
  version: number,
  status = 'active',
) {
  return envelope(type, 'products', p.id, {
    productId: p.id,
    sku: `SKU-${p.id.slice(0, 8)}`,
    name: p.name,
    price: p.price,
    currency: 'EUR',
    categoryId: p.categoryId,
    brand: p.brand,
    status,
    version,
  });
}

export const productCreated = (p: ProductFacts) => productSnapshot('product.created.v1', p, 1);

export function productDeleted(productId: string, version: number) {
  return envelope('product.deleted.v1', 'products', productId, { productId, version });
}

export function reviewCreated(userId: string, productId: string, rating: number, reviewId = randomUUID()) {
  return envelope('review.created.v1', 'products', productId, { reviewId, productId, userId, rating });
}

export function reviewDeleted(userId: string, productId: string, reviewId: string) {
  return envelope('review.deleted.v1', 'products', productId, { reviewId, productId, userId });
}

export function backInStock(productId: string, available: number, occurredAt = new Date()) {
  return envelope('inventory.back_in_stock.v1', 'products', productId, { productId, available }, occurredAt);
}
