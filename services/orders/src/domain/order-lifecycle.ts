import { OrderNotCancellable } from './errors.js';
import { eventOf } from './order-events.js';
import { assertTransition, CANCELLABLE, type OrderStatus } from './order-status.js';
import { SYSTEM, type Actor, type Order, type PaymentStatus, type Tracking } from './order.js';
import type { OrderChange, PaymentState } from './ports.js';

/**
 * The order aggregate's decisions: each function takes the order as it is and an outcome, and
 * answers the change to store (or throws when the order may not make it). No I/O here.
 */

const TERMINAL: readonly OrderStatus[] = ['delivered', 'rejected', 'payment_failed', 'cancelled', 'refunded'];

/** Nothing more will happen to the order: a terminal status and no saga work left. */
export function isSettled(order: Pick<Order, 'status' | 'sagaStep'>): boolean {
  return TERMINAL.includes(order.status) && order.sagaStep === 'done';
}

export function transition(
  order: Order,
  to: OrderStatus,
  actor: Actor,
  reason: string | null,
  rest: Omit<OrderChange, 'status'> = {},
  at = new Date(),
): OrderChange {
  assertTransition(order.status, to);
  const tracking = rest.tracking ?? order.tracking;
  const event = eventOf({ ...order, version: order.version + 1 }, to, reason, tracking, at);
  return { ...rest, status: { to, actor, reason, event } };
}

export const reserved = (order: Order): OrderChange =>
  transition(order, 'awaiting_payment', SYSTEM, null, { stock: 'held', sagaStep: 'pay' });

export const rejected = (order: Order, reason: string): OrderChange =>
  transition(order, 'rejected', SYSTEM, reason, { stock: 'none', sagaStep: 'done' });

export const committed = (order: Order): OrderChange =>
  transition(order, 'paid', SYSTEM, null, {
    stock: 'committed',
    sagaStep: 'done',
    payment: { nextAction: null },
    clearCart: order.fromCart,
  });

/** The payment succeeded but the stock hold was gone (expired or released): refund it. */
export const holdLost = (order: Order): OrderChange =>
  transition(
    order,
    'cancelled',
    SYSTEM,
    'The stock hold expired before the payment completed; the payment is refunded.',
    { stock: 'released', sagaStep: 'refund' },
  );

export const expired = (order: Order): OrderChange =>
  transition(order, 'cancelled', SYSTEM, 'The payment was not completed in time.', { sagaStep: 'void' });

/** What the payment gateway says about the order's PaymentIntent, applied to the order. */
export function paymentUpdated(order: Order, state: PaymentState): OrderChange | undefined {
  const payment = {
    intentId: state.intentId ?? order.payment.intentId,
    status: paymentStatusAfter(order.payment.status, state.status),
    nextAction: state.status === 'requires_action' ? state.nextAction : null,
    failure: state.failure ?? order.payment.failure,
  };
  const facts = { payment };
  const waiting = order.status === 'awaiting_payment';
  let change: OrderChange | undefined;
  switch (state.status) {
    case 'succeeded':
      if (waiting) change = { ...facts, sagaStep: 'commit' };
      else if (
        (order.status === 'cancelled' || order.status === 'payment_failed') &&
        order.payment.status !== 'refunded'
      ) {
        // Money arrived for an order that was given up: it goes back.
        change = { ...facts, sagaStep: 'refund' };
      } else change = facts;
      break;
    case 'failed':
    case 'canceled':
      change = waiting
        ? transition(order, 'payment_failed', SYSTEM, state.failure ?? 'The payment was declined.', {
            ...facts,
            sagaStep: 'void',
          })
        : facts;
      break;
    case 'requires_action':
    case 'processing':
    case 'pending':
      change = waiting ? { ...facts, sagaStep: 'await_payment' } : facts;
      break;
    case 'refunded':
      change = facts;
      break;
  }
  return changes(order, change) ? change : undefined;
}

/** After void: the stock is given back; a payment that slipped through is refunded. */
export function voided(
  order: Order,
  payment: PaymentState | null,
  stock: 'released' | 'restocked',
): OrderChange {
  const paid = payment?.status === 'succeeded' && order.payment.status !== 'refunded';
  return {
    stock,
    sagaStep: paid ? 'refund' : 'done',
    payment: {
      nextAction: null,
      ...(payment ? { status: paymentStatusAfter(order.payment.status, payment.status) } : {}),
      ...(payment?.failure ? { failure: payment.failure } : {}),
    },
  };
}

/**
 * Refunded is final; a declined payment stays "failed" when its intent is then canceled (by our
 * own void), as that decline is the news the customer needs.
 */
function paymentStatusAfter(current: PaymentStatus, seen: PaymentStatus): PaymentStatus {
  if (current === 'refunded') return 'refunded';
  if (current === 'failed' && seen === 'canceled') return 'failed';
  return seen;
}

export const refunded = (
  order: Order,
  refundId: string | null,
  stock: 'released' | 'restocked',
): OrderChange =>
  transition(order, 'refunded', SYSTEM, null, {
    payment: { status: 'refunded', refundId: refundId ?? order.payment.refundId, nextAction: null },
    stock,
    sagaStep: 'done',
  });

export function cancelRequested(order: Order, actor: Actor): OrderChange {
  if (!CANCELLABLE.includes(order.status)) {
    throw new OrderNotCancellable(
      order.status === 'shipped' || order.status === 'delivered'
        ? 'The order has shipped.'
        : `The order is already ${order.status.replace('_', ' ')}.`,
    );
  }
  const reason = actor.kind === 'admin' ? 'Cancelled by an administrator.' : 'Cancelled by the customer.';
  return cancelled(order, actor, reason);
}

/** The customer deleted their account: an order that has not shipped cannot reach anyone. */
export const accountClosed = (order: Order): OrderChange =>
  cancelled(order, SYSTEM, 'The account was deleted.');

/** Money already taken (paid, or a payment that succeeded before its stock was committed) goes back. */
const cancelled = (order: Order, actor: Actor, reason: string): OrderChange =>
  transition(order, 'cancelled', actor, reason, {
    sagaStep: order.status === 'paid' || order.payment.status === 'succeeded' ? 'refund' : 'void',
  });

export const shipped = (order: Order, tracking: Tracking, actor: Actor): OrderChange =>
  transition(order, 'shipped', actor, null, { tracking });

export const delivered = (order: Order, actor: Actor): OrderChange =>
  transition(order, 'delivered', actor, null);

function changes(order: Order, change: OrderChange): boolean {
  if (change.status || (change.sagaStep !== undefined && change.sagaStep !== order.sagaStep)) return true;
  return Object.entries(change.payment ?? {}).some(
    ([key, value]) => JSON.stringify(order.payment[key as keyof Order['payment']]) !== JSON.stringify(value),
  );
}
