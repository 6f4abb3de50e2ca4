import type { NewEvent } from '@shop/platform/domain';
import type {
  NextAction,
  Order,
  OrderLine,
  PaymentStatus,
  SagaStep,
  ShippingAddress,
  StockState,
  TimelineEntry,
  Tracking,
  Actor,
} from './order.js';
import type { UnpaidHoldings } from './checkout-limits.js';
import type { OrderStatus } from './order-status.js';

/** The time now; a parameter so tests can move it. */
export type Clock = () => Date;

export interface CartItem {
  productId: string;
  quantity: number;
}

/** The product as the customer saw it when the line went into the cart. */
export interface AddedAs {
  name: string;
  price: number;
  currency: string;
}

export interface CartLine extends CartItem {
  /** Null for lines added before this was recorded. */
  added: AddedAs | null;
}

/** A line to write: its quantity is set; a line already there keeps what it was added as. */
export interface CartWrite extends CartItem {
  added: AddedAs;
}

/** What a change of the cart writes, and what it reports to its caller. */
export interface CartPlan<T> {
  writes: CartWrite[];
  result: T;
}

export interface CartStore {
  items(userId: string): Promise<CartLine[]>;
  /**
   * Changes one customer's cart in one transaction, under a lock per customer: `plan` is shown the
   * lines as they are now and answers what to write; when it throws, nothing is written. So two
   * changes of one cart cannot both slip under its caps. `plan` may run again if the transaction
   * is retried, so it only computes. Answers the lines after the change.
   */
  change<T>(
    userId: string,
    plan: (lines: CartLine[]) => CartPlan<T>,
  ): Promise<{ lines: CartLine[]; result: T }>;
  remove(userId: string, productId: string): Promise<boolean>;
  /** Empties the cart, or removes only these products. */
  clear(userId: string, productIds?: string[]): Promise<void>;
}

export type ProductStatus = 'draft' | 'active' | 'archived';

/** What the order service needs to know about a product (from products' batch lookup). */
export interface CatalogProduct {
  id: string;
  name: string;
  price: number;
  currency: string;
  /** Only `active` products are for sale (`archived` is what products calls deleted); stock is a separate question. */
  status: ProductStatus;
  /** Units that can be reserved now, when products says. */
  available: number | null;
  image: string | null;
}

export interface Catalog {
  /** Products by id; unknown ids are absent. */
  lookup(ids: string[]): Promise<Map<string, CatalogProduct>>;
}

/** A product as its events described it (see ProductFactStore); any part may still be unknown. */
export interface ProductFact {
  productId: string;
  name: string | null;
  price: number | null;
  currency: string | null;
  status: ProductStatus | null;
}

/** The last known state of products, kept from their events: what the cart shows when products is down. */
export interface ProductFactStore {
  of(ids: string[]): Promise<Map<string, ProductFact>>;
}

export interface UnavailableLine {
  productId: string;
  requested: number;
  available: number;
}

export type ReservationOutcome =
  | { kind: 'held' }
  | { kind: 'insufficient_stock'; unavailable: UnavailableLine[] }
  | { kind: 'product_unavailable'; unavailable: UnavailableLine[] };

/** Stock reservations at products; every call is idempotent by order id. */
export interface Inventory {
  reserve(
    orderId: string,
    lines: { productId: string; quantity: number }[],
    ttlSeconds: number,
  ): Promise<ReservationOutcome>;
  /** `not_held`: the hold was released or expired before the commit. */
  commit(orderId: string): Promise<'committed' | 'not_held'>;
  /** `committed`: too late to release, the stock was sold. */
  release(orderId: string): Promise<'released' | 'committed'>;
  restock(orderId: string): Promise<void>;
}

/** A PaymentIntent as the payment gateway last described it. */
export interface PaymentState {
  /** Null when the gateway refused to create one (an unusable payment method). */
  intentId: string | null;
  status: PaymentStatus;
  nextAction: NextAction | null;
  failure: string | null;
}

export interface PaymentGateway {
  /** Creates and confirms the order's PaymentIntent; the same key returns the same intent. */
  charge(request: {
    orderId: string;
    amount: number;
    currency: string;
    paymentMethod: string;
    idempotencyKey: string;
  }): Promise<PaymentState>;
  retrieve(intentId: string): Promise<PaymentState>;
  /** Cancels when still possible; answers the intent's state either way. */
  cancel(intentId: string): Promise<PaymentState>;
  refund(request: {
    intentId: string;
    amount: number;
    idempotencyKey: string;
  }): Promise<{ refundId: string | null }>;
}

export interface AddressBook {
  find(userId: string, addressId: string): Promise<ShippingAddress | undefined>;
}

/** A status change with its history row; the store adds the outbox event and the NOTIFY. */
export interface StatusChange {
  to: OrderStatus;
  actor: Actor;
  reason: string | null;
  event: NewEvent;
}

/** Everything one transaction changes on an order. */
export interface OrderChange {
  status?: StatusChange;
  sagaStep?: SagaStep;
  payment?: Partial<Order['payment']>;
  stock?: StockState;
  tracking?: Tracking;
  /** Remove the ordered products from the owner's cart (an order placed from the cart is paid). */
  clearCart?: boolean;
}

export interface NewOrder {
  id: string;
  userId: string;
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  shippingAddress: ShippingAddress;
  fromCart: boolean;
  paymentMethod: string;
  lines: OrderLine[];
  expiresAt: Date;
  placedEvent: NewEvent;
}

export interface WebhookEventRecord {
  id: string;
  type: string;
  orderId: string | null;
}

export interface OrderFilter {
  userId?: string;
  status?: OrderStatus;
  from?: Date;
  to?: Date;
}

export interface OrderSummary {
  id: string;
  userId: string;
  status: OrderStatus;
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OrderStore {
  /**
   * Inserts a pending order, leased to `leaseOwner`, and links the idempotency key to it. Refused
   * (IdempotencyKeyInProgress, nothing stored) unless `idempotency.holder` still holds the key.
   * `admit` is shown the customer's unpaid orders first, under a lock per customer held until the
   * order is stored, so two checkouts of one customer cannot both slip under a cap; when it throws,
   * nothing is stored.
   */
  create(
    order: NewOrder,
    leaseOwner: string,
    idempotency: KeyHolder,
    admit: (unpaid: UnpaidHoldings) => void,
  ): Promise<Order>;
  get(id: string): Promise<Order | undefined>;
  /**
   * Applies a change if the order is still at `order.version` (else throws StaleOrder): the row,
   * a status-history row, the outbox event and a NOTIFY, in one transaction. A webhook event is
   * recorded in that same transaction (DuplicateWebhookEvent when it already was).
   */
  apply(order: Order, change: OrderChange, options?: { webhookEvent?: WebhookEventRecord }): Promise<Order>;
  /** Records a webhook event that changes nothing; false when it was already recorded. */
  recordWebhookEvent(event: WebhookEventRecord): Promise<boolean>;
  webhookEventSeen(eventId: string): Promise<boolean>;
  findByPaymentIntent(intentId: string): Promise<Order | undefined>;
  timeline(id: string, afterId?: number): Promise<TimelineEntry[]>;
  list(filter: OrderFilter, limit: number, cursor: string | undefined): Promise<Page<OrderSummary>>;
}

/** The saga's lease: one driver per order at a time, across replicas. */
export interface SagaLeases {
  claim(orderId: string, owner: string, seconds: number): Promise<boolean>;
  /** Gives the order back; answers its version, so a driver sees changes made meanwhile. */
  release(orderId: string, owner: string): Promise<number | undefined>;
  /** Orders whose saga has work due, claimed for `owner` (FOR UPDATE SKIP LOCKED). */
  claimDue(owner: string, limit: number, seconds: number): Promise<string[]>;
  /** A step failed for a passing reason: look again later. */
  retryLater(orderId: string, owner: string, error: string): Promise<void>;
}

/** The Idempotency-Key a checkout runs under, and the request holding it (see IdempotencyKeys). */
export interface KeyHolder {
  userId: string;
  key: string;
  holder: string;
}

/** Test-only crash points (ORDERS_FAULT); inert unless configured. */
export type FaultPoint =
  'crash-after-reserve' | 'crash-after-payment' | 'crash-before-commit' | 'crash-after-commit';
export type Faults = (point: FaultPoint) => void;
