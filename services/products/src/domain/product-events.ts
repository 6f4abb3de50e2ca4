import {
  ProductCreated,
  ProductDeleted,
  ProductPriceChanged,
  ProductUpdated,
  type PayloadOf,
} from '@shop/contracts';
import type { NewEvent } from '@shop/platform/domain';
import type { Product } from './product.js';

type Snapshot = PayloadOf<typeof ProductCreated>;

function snapshot(product: Product): Snapshot {
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    price: product.price,
    currency: product.currency,
    categoryId: product.categoryId,
    brand: product.brand,
    status: product.status,
    version: product.version,
  };
}

function event<P>(type: string, product: Product, payload: P): NewEvent<P> {
  return { type, aggregateId: product.id, aggregateVersion: product.version, payload };
}

export function productCreated(product: Product): NewEvent[] {
  return [event(ProductCreated.type, product, snapshot(product))];
}

/**
 * Every change is a product.updated; a new price also a product.price_changed, and
 * archiving also a product.deleted (favorites and carts drop it).
 */
export function productChanged(before: Product, after: Product): NewEvent[] {
  const events: NewEvent[] = [event(ProductUpdated.type, after, snapshot(after))];
  if (before.price !== after.price || before.currency !== after.currency) {
    const payload: PayloadOf<typeof ProductPriceChanged> = {
      productId: after.id,
      oldPrice: before.price,
      newPrice: after.price,
      currency: after.currency,
      version: after.version,
    };
    events.push(event(ProductPriceChanged.type, after, payload));
  }
  if (before.status !== 'archived' && after.status === 'archived') {
    const payload: PayloadOf<typeof ProductDeleted> = { productId: after.id, version: after.version };
    events.push(event(ProductDeleted.type, after, payload));
  }
  return events;
}
