import { CurrencyMismatch, ProductUnavailable } from './errors.js';
import type { OrderLine } from './order.js';
import type { CatalogProduct } from './ports.js';
import { describeReason, unavailableReason } from './product-availability.js';

export interface ShippingPolicy {
  /** Flat fee in minor units of the order's currency. */
  fee: number;
  /** Subtotal from which shipping is free. */
  freeFrom: number;
}

export interface PricedOrder {
  lines: OrderLine[];
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
}

/**
 * Prices the wanted items from the catalog, never from the client: names and unit prices are
 * snapshotted on the lines. All products must be for sale and priced in one currency: a line that
 * is not (a product deleted since it went into the cart…) refuses the checkout, naming it, rather
 * than being left out of an order the customer did not see.
 */
export function priceOrder(
  items: { productId: string; quantity: number }[],
  catalog: Map<string, CatalogProduct>,
  shipping: ShippingPolicy,
): PricedOrder {
  const unavailable = items.flatMap((item) => {
    const product = catalog.get(item.productId);
    const reason = unavailableReason(product?.status);
    return reason
      ? [
          {
            productId: item.productId,
            name: product?.name ?? null,
            reason,
            requested: item.quantity,
            available: 0,
          },
        ]
      : [];
  });
  if (unavailable.length > 0) {
    const named = unavailable.map((u) => `${u.name ?? u.productId} ${describeReason[u.reason]}`);
    throw new ProductUnavailable({
      detail: `${named.join('; ')}. Remove ${unavailable.length > 1 ? 'them' : 'it'} and try again.`,
      extensions: { unavailable },
    });
  }
  const lines = items.map((item): OrderLine => {
    const product = catalog.get(item.productId)!;
    return {
      productId: product.id,
      name: product.name,
      unitPrice: product.price,
      quantity: item.quantity,
      lineTotal: product.price * item.quantity,
    };
  });
  const currencies = new Set(items.map((item) => catalog.get(item.productId)!.currency));
  if (currencies.size > 1) {
    throw new CurrencyMismatch({ extensions: { currencies: [...currencies].sort() } });
  }
  const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
  const fee = subtotal >= shipping.freeFrom ? 0 : shipping.fee;
  return { lines, currency: [...currencies][0]!, subtotal, shipping: fee, total: subtotal + fee };
}

/** Merges repeated products into one line each, keeping the first-seen order. */
export function mergeItems(items: { productId: string; quantity: number }[]) {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.productId, (merged.get(item.productId) ?? 0) + item.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}
