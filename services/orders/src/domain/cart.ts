import { ServiceUnavailable } from '@shop/platform/domain';
import { cartView, lastKnownCartView, type CartView } from './cart-view.js';
import { CartFull, CurrencyMismatch, ProductNotFound, ProductUnavailable } from './errors.js';
import type { AddedAs, CartLine, CartStore, Catalog, CatalogProduct, ProductFactStore } from './ports.js';
import { describeReason, unavailableReason } from './product-availability.js';

export const MAX_QUANTITY = 99;
/** Products' batch lookup takes at most 100 ids, and a cart has no business being longer. */
export const MAX_LINES = 100;

/** A cart at its cap of lines refuses one more product (nothing is written). */
export const cartFull = (detail = `A cart holds at most ${MAX_LINES} different products.`) =>
  new CartFull({ detail, extensions: { limit: MAX_LINES } });

export const addedAs = (product: CatalogProduct): AddedAs => ({
  name: product.name,
  price: product.price,
  currency: product.currency,
});

export interface CartsDeps {
  carts: CartStore;
  catalog: Catalog;
  /** The last known products, for when the catalog cannot answer. */
  facts: ProductFactStore;
}

/**
 * The cart, priced now from products (what checkout charges), each line compared with the price it
 * was added at. When products cannot answer, the last known prices from product events stand in.
 */
export class Carts {
  constructor(private readonly deps: CartsDeps) {}

  async view(userId: string): Promise<CartView> {
    const lines = await this.deps.carts.items(userId);
    if (lines.length === 0) return cartView([], new Map());
    const ids = lines.map((line) => line.productId);
    try {
      return cartView(lines, await this.deps.catalog.lookup(ids));
    } catch (error) {
      if (!(error instanceof ServiceUnavailable)) throw error;
      return lastKnownCartView(lines, await this.deps.facts.of(ids));
    }
  }

  async setQuantity(userId: string, productId: string, quantity: number): Promise<CartView> {
    if (quantity === 0) {
      await this.deps.carts.remove(userId, productId);
      return this.view(userId);
    }
    const lines = await this.deps.carts.items(userId);
    const existing = lines.find((line) => line.productId === productId);
    if (!existing && lines.length >= MAX_LINES) {
      throw cartFull();
    }
    const products = await this.deps.catalog.lookup([
      ...new Set([productId, ...lines.map((l) => l.productId)]),
    ]);
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
    const { lines: updated } = await this.deps.carts.change(userId, (now) => {
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
    return missing.length === 0 ? known : new Map([...known, ...(await this.deps.catalog.lookup(missing))]);
  }

  async remove(userId: string, productId: string): Promise<void> {
    await this.deps.carts.remove(userId, productId);
  }

  async clear(userId: string): Promise<void> {
    await this.deps.carts.clear(userId);
  }
}
