import type { CartLine, CatalogProduct, ProductFact } from './ports.js';
import { unavailableReason, type UnavailableReason } from './product-availability.js';

/** `unknown`: products could not be asked, so stock is unknown (the cart is `stale`). */
export type LineStatus = 'available' | 'insufficient_stock' | 'unavailable' | 'unknown';

export interface CartLineView {
  productId: string;
  name: string | null;
  image: string | null;
  unitPrice: number | null;
  quantity: number;
  lineTotal: number | null;
  status: LineStatus;
  /** Why an `unavailable` line cannot be ordered; null otherwise. */
  unavailableReason: UnavailableReason | null;
  availableQuantity: number | null;
  /** The unit price when the line was added (null for lines older than this record). */
  addedUnitPrice: number | null;
  /** The price is not the one the customer saw when adding the line. */
  priceChanged: boolean;
}

export interface CartView {
  items: CartLineView[];
  itemCount: number;
  subtotal: number;
  currency: string | null;
  /** Products could not be reached: prices are the last known ones and stock is unknown. */
  stale: boolean;
}

interface Price {
  price: number;
  currency: string;
}

interface Priced {
  view: CartLineView;
  currency: string | null;
}

/** The cart priced now from products: what checkout would charge. */
export function cartView(lines: CartLine[], products: Map<string, CatalogProduct>): CartView {
  const priced = lines.map((line): Priced => {
    const product = products.get(line.productId);
    const reason = unavailableReason(product?.status);
    if (!product || reason) {
      return unavailable(line, reason ?? 'unknown_product', product?.name ?? line.added?.name ?? null);
    }
    const enough = product.available === null || product.available >= line.quantity;
    return withPrice(line, product, enough ? 'available' : 'insufficient_stock', {
      name: product.name,
      image: product.image,
      availableQuantity: product.available,
    });
  });
  return summarize(priced, false);
}

/**
 * The cart while products cannot answer: each line at its last known price (from product events,
 * else as it was added), deleted products still shown as such, stock unknown.
 */
export function lastKnownCartView(lines: CartLine[], facts: Map<string, ProductFact>): CartView {
  const priced = lines.map((line): Priced => {
    const fact = facts.get(line.productId);
    const name = fact?.name ?? line.added?.name ?? null;
    const reason = fact?.status ? unavailableReason(fact.status) : null;
    if (reason) return unavailable(line, reason, name);
    const price: Price | null =
      fact?.price != null && fact.currency ? { price: fact.price, currency: fact.currency } : line.added;
    if (!price) {
      return { view: { ...bare(line, 'unknown'), name }, currency: null };
    }
    return withPrice(line, price, 'unknown', { name, image: null, availableQuantity: null });
  });
  return summarize(priced, true);
}

function bare(line: CartLine, status: LineStatus): CartLineView {
  return {
    productId: line.productId,
    name: null,
    image: null,
    unitPrice: null,
    quantity: line.quantity,
    lineTotal: null,
    status,
    unavailableReason: null,
    availableQuantity: null,
    addedUnitPrice: line.added?.price ?? null,
    priceChanged: false,
  };
}

function unavailable(line: CartLine, reason: UnavailableReason, name: string | null): Priced {
  return {
    view: { ...bare(line, 'unavailable'), name, unavailableReason: reason, availableQuantity: 0 },
    currency: null,
  };
}

function withPrice(
  line: CartLine,
  price: Price,
  status: LineStatus,
  shown: Pick<CartLineView, 'name' | 'image' | 'availableQuantity'>,
): Priced {
  const changed =
    line.added !== null && (line.added.price !== price.price || line.added.currency !== price.currency);
  return {
    view: {
      ...bare(line, status),
      ...shown,
      unitPrice: price.price,
      lineTotal: price.price * line.quantity,
      priceChanged: changed,
    },
    currency: price.currency,
  };
}

function summarize(priced: Priced[], stale: boolean): CartView {
  const items = priced.map((p) => p.view);
  return {
    items,
    itemCount: items.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: items.reduce((sum, line) => sum + (line.lineTotal ?? 0), 0),
    currency: priced.find((p) => p.currency !== null)?.currency ?? null,
    stale,
  };
}
