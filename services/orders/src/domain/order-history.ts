import { Forbidden } from '@shop/platform/domain';
import { addedAs, cartFull, MAX_LINES, MAX_QUANTITY } from './cart.js';
import { cartView, type CartView } from './cart-view.js';
import { NotYourOrders, OrderNotFound } from './errors.js';
import { orderView, type OrderView } from './order-view.js';
import type { Order } from './order.js';
import type {
  CartLine,
  CartPlan,
  CartStore,
  CartWrite,
  Catalog,
  OrderFilter,
  OrderStore,
  OrderSummary,
  Page,
} from './ports.js';
import { canRead, type Viewer } from './viewer.js';

export interface ReorderResult {
  cart: CartView;
  /** Units put in the cart, per product. */
  added: { productId: string; quantity: number }[];
  /** Products of which fewer units went in than were ordered: their line reached the cap. */
  limited: { productId: string; name: string; ordered: number; added: number; limit: number }[];
  unavailable: { productId: string; name: string; reason: 'not_sold' | 'out_of_stock' }[];
  priceChanges: { productId: string; name: string; oldUnitPrice: number; newUnitPrice: number }[];
}

export interface OrderHistoryDeps {
  store: OrderStore;
  carts: CartStore;
  catalog: Catalog;
}

/** Reading past orders, and ordering them again. */
export class OrderHistory {
  constructor(private readonly deps: OrderHistoryDeps) {}

  async get(orderId: string, viewer: Viewer): Promise<OrderView> {
    const order = await this.readable(orderId, viewer);
    return orderView(order, await this.deps.store.timeline(orderId));
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
      throw new NotYourOrders("Only staff may list other users' orders.");
    }
    return this.deps.store.list(staff ? filter : { ...filter, userId: viewer.userId }, limit, cursor);
  }

  /**
   * Puts the order's products back in the owner's cart at today's prices, and says what changed.
   * The cart's caps hold: a line stops at MAX_QUANTITY (reported in `limited`), and a reorder that
   * would take the cart past MAX_LINES products is refused with nothing added.
   */
  async reorder(orderId: string, viewer: Viewer): Promise<ReorderResult> {
    const order = await this.readable(orderId, viewer);
    if (order.userId !== viewer.userId) throw new Forbidden('Only the customer can reorder an order.');
    const products = await this.deps.catalog.lookup(order.lines.map((line) => line.productId));
    const found: Omit<ReorderResult, 'cart' | 'added' | 'limited'> = { unavailable: [], priceChanges: [] };
    const wanted: (CartWrite & { name: string })[] = [];
    for (const line of mergeLines(order.lines)) {
      const product = products.get(line.productId);
      if (product?.status !== 'active') {
        found.unavailable.push({ productId: line.productId, name: line.name, reason: 'not_sold' });
        continue;
      }
      if (product.available !== null && product.available <= 0) {
        found.unavailable.push({ productId: line.productId, name: product.name, reason: 'out_of_stock' });
        continue;
      }
      if (product.price !== line.unitPrice || product.currency !== order.currency) {
        found.priceChanges.push({
          productId: line.productId,
          name: product.name,
          oldUnitPrice: line.unitPrice,
          newUnitPrice: product.price,
        });
      }
      wanted.push({
        productId: line.productId,
        quantity: line.quantity,
        added: addedAs(product),
        name: product.name,
      });
    }
    const { lines, result } = await this.deps.carts.change(viewer.userId, (now) => planReorder(now, wanted));
    const missing = lines.map((i) => i.productId).filter((id) => !products.has(id));
    const all =
      missing.length > 0 ? new Map([...products, ...(await this.deps.catalog.lookup(missing))]) : products;
    return { cart: cartView(lines, all), ...found, ...result };
  }

  private async readable(orderId: string, viewer: Viewer): Promise<Order> {
    const order = await this.deps.store.get(orderId);
    // Someone else's order is a 404, not a 403: its existence is none of their business.
    if (!order || !canRead(viewer, order.userId)) throw new OrderNotFound();
    return order;
  }
}

/** One line per product (an order's lines already are; this keeps the cart's upsert safe regardless). */
function mergeLines(lines: Order['lines']): Order['lines'] {
  const merged = new Map<string, Order['lines'][number]>();
  for (const line of lines) {
    const seen = merged.get(line.productId);
    merged.set(line.productId, seen ? { ...seen, quantity: seen.quantity + line.quantity } : line);
  }
  return [...merged.values()];
}

/** What a reorder writes into the cart as it is now, within the cart's caps. */
function planReorder(
  now: CartLine[],
  wanted: (CartWrite & { name: string })[],
): CartPlan<Pick<ReorderResult, 'added' | 'limited'>> {
  const inCart = new Map(now.map((line) => [line.productId, line.quantity]));
  const newProducts = wanted.filter((want) => !inCart.has(want.productId)).length;
  if (now.length + newProducts > MAX_LINES) {
    throw cartFull(
      `Your cart has ${now.length} products and this order would add ${newProducts} more: a cart holds ` +
        `at most ${MAX_LINES}. Remove some, then reorder again.`,
    );
  }
  const result: Pick<ReorderResult, 'added' | 'limited'> = { added: [], limited: [] };
  const writes: CartWrite[] = [];
  for (const { name, ...want } of wanted) {
    const before = inCart.get(want.productId) ?? 0;
    const quantity = Math.min(before + want.quantity, MAX_QUANTITY);
    const added = Math.max(0, quantity - before);
    if (added < want.quantity) {
      result.limited.push({
        productId: want.productId,
        name,
        ordered: want.quantity,
        added,
        limit: MAX_QUANTITY,
      });
    }
    if (added <= 0) continue;
    result.added.push({ productId: want.productId, quantity: added });
    writes.push({ ...want, quantity });
  }
  return { writes, result };
}
