import { CartFull, CurrencyMismatch, ProductNotFound, ProductUnavailable } from './errors.js';
import type { Catalog, CatalogProduct } from './ports.js';

export const MAX_QUANTITY = 99;
/** Products' batch lookup takes at most 100 ids, and a cart has no business being longer. */
export const MAX_LINES = 100;

export interface CartItem {
  productId: string;
  quantity: number;
}

export interface CartStore {
  items(userId: string): Promise<CartItem[]>;
  set(userId: string, productId: string, quantity: number): Promise<void>;
  /** Adds to the quantities already there, capped at `max` each. */
  add(userId: string, items: CartItem[], max: number): Promise<void>;
  remove(userId: string, productId: string): Promise<boolean>;
  /** Empties the cart, or removes only these products. */
  clear(userId: string, productIds?: string[]): Promise<void>;
}

export type LineStatus = 'available' | 'insufficient_stock' | 'unavailable';

export interface CartLineView {
  productId: string;
  name: string | null;
  image: string | null;
  unitPrice: number | null;
  quantity: number;
  lineTotal: number | null;
  status: LineStatus;
  availableQuantity: number | null;
}

export interface CartView {
  items: CartLineView[];
  itemCount: number;
  subtotal: number;
  currency: string | null;
}

/** The cart, priced now from products (prices are never stored in the cart). */
export class Carts {
  constructor(
    private readonly carts: CartStore,
    private readonly catalog: Catalog,
  ) {}

  async view(userId: string): Promise<CartView> {
    const items = await this.carts.items(userId);
    const products = items.length > 0 ? await this.catalog.lookup(items.map((i) => i.productId)) : new Map();
    return cartView(items, products);
  }

  async setQuantity(userId: string, productId: string, quantity: number): Promise<CartView> {
    if (quantity === 0) {
      await this.carts.remove(userId, productId);
      return this.view(userId);
    }
    const items = await this.carts.items(userId);
    const isNew = !items.some((item) => item.productId === productId);
    if (isNew && items.length >= MAX_LINES) {
      throw new CartFull(`A cart holds at most ${MAX_LINES} different products.`);
    }
    const products = await this.catalog.lookup([...new Set([productId, ...items.map((i) => i.productId)])]);
    const product = products.get(productId);
    if (!product) throw new ProductNotFound(`There is no product ${productId}.`);
    if (!product.active) throw new ProductUnavailable(`${product.name} is not for sale.`);
    const otherCurrency = items
      .map((item) => products.get(item.productId))
      .find((other) => other && other.id !== productId && other.currency !== product.currency);
    if (otherCurrency) {
      throw new CurrencyMismatch({
        detail: `The cart is priced in ${otherCurrency.currency}; ${product.name} is priced in ${product.currency}.`,
      });
    }
    await this.carts.set(userId, productId, quantity);
    const updated = isNew
      ? [...items, { productId, quantity }]
      : items.map((item) => (item.productId === productId ? { productId, quantity } : item));
    return cartView(updated, products);
  }

  async remove(userId: string, productId: string): Promise<void> {
    await this.carts.remove(userId, productId);
  }

  async clear(userId: string): Promise<void> {
    await this.carts.clear(userId);
  }
}

export function cartView(items: CartItem[], products: Map<string, CatalogProduct>): CartView {
  const lines = items.map((item): CartLineView => {
    const product = products.get(item.productId);
    if (!product || !product.active) {
      return {
        productId: item.productId,
        name: product?.name ?? null,
        image: product?.image ?? null,
        unitPrice: null,
        quantity: item.quantity,
        lineTotal: null,
        status: 'unavailable',
        availableQuantity: 0,
      };
    }
    const enough = product.available === null || product.available >= item.quantity;
    return {
      productId: item.productId,
      name: product.name,
      image: product.image,
      unitPrice: product.price,
      quantity: item.quantity,
      lineTotal: product.price * item.quantity,
      status: enough ? 'available' : 'insufficient_stock',
      availableQuantity: product.available,
    };
  });
  const priced = lines.filter((line) => line.lineTotal !== null);
  const currency = items.map((i) => products.get(i.productId)).find((p) => p?.active)?.currency ?? null;
  return {
    items: lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: priced.reduce((sum, line) => sum + line.lineTotal!, 0),
    currency,
  };
}
