import { Forbidden } from '@shop/platform';
import { addedAs, MAX_QUANTITY, type CartStore } from './cart.js';
import { cartView, type CartView } from './cart-view.js';
import { OrderNotFound } from './errors.js';
import { orderView, type OrderView } from './order-view.js';
import type { Order } from './order.js';
import type { Catalog, OrderFilter, OrderStore, OrderSummary, Page } from './ports.js';
import { canRead, type Viewer } from './viewer.js';

export interface ReorderResult {
  cart: CartView;
  added: { productId: string; quantity: number }[];
  unavailable: { productId: string; name: string; reason: 'not_sold' | 'out_of_stock' }[];
  priceChanges: { productId: string; name: string; oldUnitPrice: number; newUnitPrice: number }[];
}

/** Reading past orders, and ordering them again. */
export class OrderHistory {
  constructor(
    private readonly store: OrderStore,
    private readonly carts: CartStore,
    private readonly catalog: Catalog,
  ) {}

  async get(orderId: string, viewer: Viewer): Promise<OrderView> {
    const order = await this.readable(orderId, viewer);
    return orderView(order, await this.store.timeline(orderId));
  }

  /** Own orders; admins and support see everyone's, optionally one user's. */
  async list(
    viewer: Viewer,
    filter: OrderFilter,
    limit: number,
    cursor: string | undefined,
  ): Promise<Page<OrderSummary>> {
    const staff = viewer.admin || viewer.support;
    if (!staff && filter.userId !== undefined && filter.userId !== viewer.userId) {
      throw new Forbidden({
        detail: "Only staff may list other users' orders.",
        fields: [{ field: 'query.userId', message: 'is not yours' }],
      });
    }
    return this.store.list(staff ? filter : { ...filter, userId: viewer.userId }, limit, cursor);
  }

  /** Puts the order's products back in the owner's cart at today's prices, and says what changed. */
  async reorder(orderId: string, viewer: Viewer): Promise<ReorderResult> {
    const order = await this.readable(orderId, viewer);
    if (order.userId !== viewer.userId) throw new Forbidden('Only the customer can reorder an order.');
    const products = await this.catalog.lookup(order.lines.map((line) => line.productId));
    const result: Omit<ReorderResult, 'cart'> = { added: [], unavailable: [], priceChanges: [] };
    const toCart: Parameters<CartStore['add']>[1] = [];
    for (const line of order.lines) {
      const product = products.get(line.productId);
      if (product?.status !== 'active') {
        result.unavailable.push({ productId: line.productId, name: line.name, reason: 'not_sold' });
        continue;
      }
      if (product.available !== null && product.available <= 0) {
        result.unavailable.push({ productId: line.productId, name: product.name, reason: 'out_of_stock' });
        continue;
      }
      if (product.price !== line.unitPrice || product.currency !== order.currency) {
        result.priceChanges.push({
          productId: line.productId,
          name: product.name,
          oldUnitPrice: line.unitPrice,
          newUnitPrice: product.price,
        });
      }
      result.added.push({ productId: line.productId, quantity: line.quantity });
      toCart.push({ productId: line.productId, quantity: line.quantity, added: addedAs(product) });
    }
    await this.carts.add(viewer.userId, toCart, MAX_QUANTITY);
    const items = await this.carts.items(viewer.userId);
    const missing = items.map((i) => i.productId).filter((id) => !products.has(id));
    const all =
      missing.length > 0 ? new Map([...products, ...(await this.catalog.lookup(missing))]) : products;
    return { cart: cartView(items, all), ...result };
  }

  private async readable(orderId: string, viewer: Viewer): Promise<Order> {
    const order = await this.store.get(orderId);
    // Someone else's order is a 404, not a 403: its existence is none of their business.
    if (!order || !canRead(viewer, order.userId)) throw new OrderNotFound();
    return order;
  }
}
