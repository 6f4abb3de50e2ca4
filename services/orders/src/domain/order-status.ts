import { IllegalTransition } from './errors.js';

export type OrderStatus =
  | 'pending'
  | 'awaiting_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'rejected'
  | 'payment_failed'
  | 'cancelled'
  | 'refunded';

/**
 * The order's life as a table (Vendure style): every status names the statuses it may move to.
 * A payment that arrives after an order was given up (cancelled or failed) is refunded, which is
 * why those two may still become `refunded`.
 */
const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['awaiting_payment', 'rejected', 'cancelled'],
  awaiting_payment: ['paid', 'payment_failed', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  rejected: [],
  payment_failed: ['refunded'],
  cancelled: ['refunded'],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new IllegalTransition({
      detail: `An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}.`,
      extensions: { from, to },
    });
  }
}

/** Statuses the customer can still cancel from (before shipping). */
export const CANCELLABLE: readonly OrderStatus[] = ['pending', 'awaiting_payment', 'paid'];
