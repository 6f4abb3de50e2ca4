import { randomUUID } from 'node:crypto';
import type { AccountErasure } from './account-erasure.js';
import { MAX_LINES, MAX_QUANTITY } from './cart.js';
import { admitUnpaidOrder, assertWithinLineLimits, type UnpaidLimits } from './checkout-limits.js';
import { AddressNotFound, EmptyCart } from './errors.js';
import {
  fingerprintOf,
  settleExistingKey,
  type IdempotencyKeys,
  type StoredResponse,
} from './idempotency.js';
import { eventOf } from './order-events.js';
import type { OrderSaga } from './order-saga.js';
import { orderView } from './order-view.js';
import type { ShippingAddress } from './order.js';
import type { AddressBook, CartStore, Catalog, Clock, NewOrder, OrderStore } from './ports.js';
import { mergeItems, priceOrder, type ShippingPolicy } from './pricing.js';

/** An address typed in at checkout: the optional lines may be left out. */
export type GivenAddress = Omit<ShippingAddress, 'line2' | 'region' | 'phone'> &
  Partial<Pick<ShippingAddress, 'line2' | 'region' | 'phone'>>;

/**
 * What the customer asked for, as sent (its fingerprint identifies the request under its
 * Idempotency-Key). It names a saved address or gives one, never both: the route schema says so.
 */
export type PlaceOrderRequest = {
  paymentMethod: string;
  /** Order these instead of the cart. */
  items?: { productId: string; quantity: number }[];
} & (
  | { addressId: string; shippingAddress?: undefined }
  | { shippingAddress: GivenAddress; addressId?: undefined }
);

export interface PlaceOrderDeps {
  store: OrderStore;
  keys: IdempotencyKeys;
  carts: Pick<CartStore, 'items'>;
  catalog: Catalog;
  addresses: AddressBook;
  /** Runs the new order's saga inline (reserve → pay → commit). */
  saga: Pick<OrderSaga, 'drive'>;
  /** A deleted account may not check out. */
  erasure: Pick<AccountErasure, 'assertNotErased'>;
  clock: Clock;
  /** This process, as the holder of the new order's saga lease. */
  owner: string;
  shipping: ShippingPolicy;
  paymentTimeoutSeconds: number;
  /** What one customer's unpaid orders may hold at once. */
  unpaid: UnpaidLimits;
  lockSeconds: number;
  idempotencyWaitMs: number;
}

export interface PlacementResult extends StoredResponse {
  replayed: boolean;
}

/**
 * Checkout. The Idempotency-Key row is written first, so of two requests with one key only one
 * creates an order; the order is stored `pending` with its price snapshot (unless it would take the
 * customer past a cap: then nothing is stored and the key is forgotten, like any early refusal),
 * then the saga runs inline (reserve → pay → commit) and the answer is the order as it stands,
 * remembered for replays.
 */
export class PlaceOrder {
  constructor(private readonly deps: PlaceOrderDeps) {}

  async place(userId: string, key: string, request: PlaceOrderRequest): Promise<PlacementResult> {
    const { keys, store } = this.deps;
    await this.deps.erasure.assertNotErased(userId);
    const fingerprint = fingerprintOf(request);
    const holder = randomUUID();
    if (!(await keys.begin(userId, key, fingerprint, this.deps.lockSeconds, holder))) {
      const outcome = await settleExistingKey(keys, userId, key, fingerprint, {
        waitMs: this.deps.idempotencyWaitMs,
        lockSeconds: this.deps.lockSeconds,
        holder,
        clock: this.deps.clock,
      });
      if (outcome.kind === 'replay') return { ...outcome.response, replayed: true };
      if (outcome.kind === 'resume') return this.finish(userId, key, outcome.orderId, false);
    }
    let orderId: string;
    try {
      const draft = await this.draft(userId, request);
      const units = draft.lines.reduce((sum, line) => sum + line.quantity, 0);
      const order = await store.create(draft, this.deps.owner, { userId, key, holder }, (unpaid) =>
        admitUnpaidOrder(unpaid, units, this.deps.unpaid),
      );
      orderId = order.id;
    } catch (error) {
      await keys.forget(userId, key, holder).catch(() => undefined);
      throw error;
    }
    return this.finish(userId, key, orderId, true);
  }

  private async finish(userId: string, key: string, orderId: string, leased: boolean) {
    await this.deps.saga.drive(orderId, { leased });
    const order = (await this.deps.store.get(orderId))!;
    const response = { status: 201, body: orderView(order, await this.deps.store.timeline(orderId)) };
    await this.deps.keys.complete(userId, key, response);
    return { ...response, replayed: false };
  }

  private async draft(userId: string, request: PlaceOrderRequest): Promise<NewOrder> {
    const fromCart = request.items === undefined;
    const wanted = mergeItems(request.items ?? (await this.deps.carts.items(userId)));
    if (wanted.length === 0) {
      throw new EmptyCart(fromCart ? 'Add products to the cart first.' : 'Name at least one item.');
    }
    assertWithinLineLimits(wanted, { maxLines: MAX_LINES, maxQuantity: MAX_QUANTITY });
    const [address, catalog] = await Promise.all([
      this.address(userId, request),
      this.deps.catalog.lookup(wanted.map((item) => item.productId)),
    ]);
    const priced = priceOrder(wanted, catalog, this.deps.shipping);
    const now = this.deps.clock();
    const facts = { id: randomUUID(), userId, ...priced, version: 1 };
    return {
      ...facts,
      shippingAddress: address,
      fromCart,
      paymentMethod: request.paymentMethod,
      expiresAt: new Date(now.getTime() + this.deps.paymentTimeoutSeconds * 1000),
      placedEvent: eventOf(facts, 'pending', null, null, now),
    };
  }

  private async address(userId: string, request: PlaceOrderRequest): Promise<ShippingAddress> {
    if (request.shippingAddress) {
      const given = request.shippingAddress;
      return {
        ...given,
        line2: given.line2 ?? null,
        region: given.region ?? null,
        phone: given.phone ?? null,
      };
    }
    const found = await this.deps.addresses.find(userId, request.addressId);
    if (!found) throw new AddressNotFound(`There is no address ${request.addressId} in your address book.`);
    return found;
  }
}
