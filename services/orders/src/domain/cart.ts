import { ServiceUnavailable } from '@shop/platform';
import { cartView, lastKnownCartView, type CartView } from './cart-view.js';
import { CartFull, CurrencyMismatch, ProductNotFound, ProductUnavailable } from './errors.js';
import type { Catalog, CatalogProduct, ProductFactStore } from './ports.js';
import { describeReason, unavailableReason } from './product-availability.js';

export const MAX_QUANTITY = 99;
/** Products' batch lookup takes at most 100 ids, and a cart has no business being longer. */
export const MAX_LINES = 100;

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

/** A cart at its cap of lines refuses one more product (nothing is written). */
export const cartFull = (detail = `A cart holds at most ${MAX_LINES} different products.`) =>
  new CartFull({ detail, extensions: { limit: MAX_LINES } });

export const addedAs = (product: CatalogProduct): AddedAs => ({
  name: product.name,
  price: product.price,
  currency: product.currency,
});

/**
 * The cart, priced now from products (what checkout charges), each line compared with the price it
 * was added at. When products cannot answer, the last known prices from product events stand in.
 */
export class Carts {
  constructor(
    private readonly carts: CartStore,
    private readonly catalog: Catalog,
    private readonly facts: ProductFactStore,
  ) {}

  async view(userId: string): Promise<CartView> {
    const lines = await this.carts.items(userId);
    if (lines.length === 0) return cartView([], new Map());
    const ids = lines.map((line) => line.productId);
    try {
      return cartView(lines, await this.catalog.lookup(ids));
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) throw error;
      return lastKnownCartView(lines, await this.facts.of(ids));
    }
  }

  async setQuantity(userId: string, productId: string, quantity: number): Promise<CartView> {
    if (quantity === 0) {
      await this.carts.remove(userId, productId);
      return this.view(userId);
    }
    const lines = await this.carts.items(userId);
    const existing = lines.find((line) => line.productId === productId);
    if (!existing && lines.length >= MAX_LINES) {
      throw cartFull();
    }
    const products = await this.catalog.lookup([...new Set([productId, ...lines.map((l) => l.productId)])]);
    const product = products.get(productId);
    if (!product) throw new ProductNotFound(`There is no product ${productId}.`);
    const reason = unavailableReason(product.status);
    if (reason) {
      throw new ProductUnavailable({
        detail: `${product.name} ${describeReason[reason]}.`,
        extensions: { productId, reason },
      });
    }
    const otherCurrency = lines
      .map((line) => products.get(line.productId))
      .find((other) => other && other.id !== productId && other.currency !== product.currency);
    if (otherCurrency) {
      throw new CurrencyMismatch({
        detail: `The cart is priced in ${otherCurrency.currency}; ${product.name} is priced in ${product.currency}.`,
      });
    }
    const added = addedAs(product);
    const { lines: updated } = await this.carts.change(userId, (now) => {
      // Judged again under the cart's lock: another request may have added lines since.
      if (!now.some((line) => line.productId === productId) && now.length >= MAX_LINES) {
        throw cartFull();
      }
      return { writes: [{ productId, quantity, added }], result: undefined };
    });
    return cartView(updated, await this.withMissing(products, updated));
  }

  /** The products of `lines` that `known` lacks (lines another request added meanwhile), looked up. */
  private async withMissing(known: Map<string, CatalogProduct>, lines: CartLine[]) {
    const missing = lines.map((line) => line.productId).filter((id) => !known.has(id));
    return missing.length === 0 ? known : new Map([...known, ...(await this.catalog.lookup(missing))]);
  }

  async remove(userId: string, productId: string): Promise<void> {
    await this.carts.remove(userId, productId);
  }

  async clear(userId: string): Promise<void> {
    await this.carts.clear(userId);
  }
}
