import {
  OrderAwaitingPayment,
  OrderCancelled,
  OrderDelivered,
  OrderPaid,
  OrderPaymentFailed,
  OrderPlaced,
  OrderRefunded,
  OrderRejected,
  OrderShipped,
  type PayloadOf,
} from '@shop/contracts';
import type { NewEvent } from '@shop/platform/domain';
import type { OrderStatus } from './order-status.js';
import type { OrderLine, Tracking } from './order.js';

interface EventFacts {
  id: string;
  userId: string;
  lines: OrderLine[];
  total: number;
  currency: string;
  version: number;
}

const linesOf = (lines: OrderLine[]) =>
  lines.map(({ productId, name, unitPrice, quantity }) => ({ productId, name, unitPrice, quantity }));

/** The published event of each status (from @shop/contracts). */
export function eventOf(
  order: EventFacts,
  to: OrderStatus,
  reason: string | null,
  tracking: Tracking | null,
  at: Date,
): NewEvent {
  const facts = { orderId: order.id, userId: order.userId, at: at.toISOString() };
  const event = <P>(type: string, payload: P): NewEvent<P> => ({
    type,
    aggregateId: order.id,
    aggregateVersion: order.version,
    payload,
  });
  switch (to) {
    case 'pending':
      return event<PayloadOf<typeof OrderPlaced>>(OrderPlaced.type, {
        ...facts,
        lines: linesOf(order.lines),
        total: order.total,
        currency: order.currency,
      });
    case 'paid':
      return event<PayloadOf<typeof OrderPaid>>(OrderPaid.type, {
        ...facts,
        lines: linesOf(order.lines),
        total: order.total,
        currency: order.currency,
      });
    case 'rejected':
      return event<PayloadOf<typeof OrderRejected>>(OrderRejected.type, { ...facts, reason: reason ?? '' });
    case 'payment_failed':
      return event<PayloadOf<typeof OrderPaymentFailed>>(OrderPaymentFailed.type, {
        ...facts,
        reason: reason ?? '',
      });
    case 'cancelled':
      return event<PayloadOf<typeof OrderCancelled>>(OrderCancelled.type, { ...facts, reason: reason ?? '' });
    case 'shipped':
      return event<PayloadOf<typeof OrderShipped>>(OrderShipped.type, {
        ...facts,
        carrier: tracking?.carrier ?? '',
        trackingNumber: tracking?.trackingNumber ?? '',
      });
    case 'delivered':
      return event<PayloadOf<typeof OrderDelivered>>(OrderDelivered.type, {
        ...facts,
        lines: linesOf(order.lines),
      });
    case 'refunded':
      return event<PayloadOf<typeof OrderRefunded>>(OrderRefunded.type, {
        ...facts,
        amount: order.total,
        currency: order.currency,
      });
    case 'awaiting_payment':
      return event<PayloadOf<typeof OrderAwaitingPayment>>(OrderAwaitingPayment.type, {
        ...facts,
        total: order.total,
        currency: order.currency,
      });
  }
}
