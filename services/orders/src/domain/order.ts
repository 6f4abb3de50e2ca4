import type { OrderStatus } from './order-status.js';

export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  region: string | null;
  country: string;
  phone: string | null;
}

export interface OrderLine {
  productId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
}

export type PaymentStatus =
  'pending' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled' | 'refunded';

/** What the customer must do to finish paying (3-D Secure), as the payment gateway describes it. */
export interface NextAction {
  type: string;
  redirectUrl: string | null;
  clientSecret: string | null;
}

export type StockState = 'none' | 'held' | 'committed' | 'released' | 'restocked';

/**
 * What the saga does next for this order. Each step's external call is idempotent, so a step
 * interrupted by a crash is simply done again.
 * - reserve: hold the stock (products); pay: create and confirm the PaymentIntent;
 * - await_payment: the customer or the bank has to act; the webhook (or a poll) moves it on;
 * - commit: payment succeeded, turn the hold into a sale; void: give the hold back and cancel
 *   the PaymentIntent; refund: refund the payment and put committed stock back; done.
 */
export type SagaStep = 'reserve' | 'pay' | 'await_payment' | 'commit' | 'void' | 'refund' | 'done';

export interface Tracking {
  carrier: string;
  trackingNumber: string;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  /** Null once the order is anonymised (its customer deleted their account). */
  shippingAddress: ShippingAddress | null;
  anonymisedAt: Date | null;
  fromCart: boolean;
  lines: OrderLine[];
  payment: {
    method: string;
    status: PaymentStatus;
    intentId: string | null;
    nextAction: NextAction | null;
    failure: string | null;
    refundId: string | null;
  };
  stock: StockState;
  tracking: Tracking | null;
  sagaStep: SagaStep;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export interface TimelineEntry {
  id: number;
  status: OrderStatus;
  at: Date;
  reason: string | null;
  tracking: Tracking | null;
}

/** Who asked for a change: a person (owner or admin) or the service itself. */
export interface Actor {
  kind: 'user' | 'admin' | 'system';
  id: string | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

export function describeActor(actor: Actor): string {
  return actor.id ? `${actor.kind}:${actor.id}` : actor.kind;
}
