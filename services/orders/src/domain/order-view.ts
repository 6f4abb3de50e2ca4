import type { Order, TimelineEntry } from './order.js';

/**
 * An order as customers and admins see it (the shape), as plain JSON: what the API
 * answers and what an Idempotency-Key replays byte for byte.
 */
export function orderView(order: Order, timeline: TimelineEntry[]) {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    lines: order.lines.map(({ productId, name, unitPrice, quantity, lineTotal }) => ({
      productId,
      name,
      unitPrice,
      quantity,
      lineTotal,
    })),
    subtotal: order.subtotal,
    shipping: order.shipping,
    total: order.total,
    currency: order.currency,
    shippingAddress: order.shippingAddress,
    payment: {
      status: order.payment.status,
      method: order.payment.method,
      ...(order.payment.nextAction ? { nextAction: order.payment.nextAction } : {}),
      ...(order.payment.failure ? { failureReason: order.payment.failure } : {}),
    },
    ...(order.tracking ? { tracking: order.tracking } : {}),
    timeline: timeline.map(timelineView),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    ...(order.status === 'pending' || order.status === 'awaiting_payment'
      ? { expiresAt: order.expiresAt.toISOString() }
      : {}),
    ...(order.anonymisedAt ? { anonymisedAt: order.anonymisedAt.toISOString() } : {}),
  };
}

export type OrderView = ReturnType<typeof orderView>;

export function timelineView(entry: TimelineEntry) {
  return {
    id: entry.id,
    status: entry.status,
    at: entry.at.toISOString(),
    reason: entry.reason,
    ...(entry.tracking ? { tracking: entry.tracking } : {}),
  };
}
