import {
  allEvents,
  on,
  routeEvents,
  ProductCreated,
  ProductDeleted,
  ProductPriceChanged,
  ProductUpdated,
  type PayloadOf,
} from '@shop/contracts';
import { idempotentConsumer, type Pool, type PoolClient } from '@shop/platform';
import { recordProductNews } from '../data/product-facts-repository.js';

export const PRODUCT_FACTS = 'orders.product-facts';

const snapshot = (tx: PoolClient, product: PayloadOf<typeof ProductCreated>) =>
  recordProductNews(tx, {
    productId: product.productId,
    version: product.version,
    name: product.name,
    price: { amount: product.price, currency: product.currency },
    status: product.status,
  });

/**
 * The last known name, price and status of products, for the cart to fall back on when products
 * cannot answer. Carts keep deleted products as unavailable lines (the customer removes them).
 */
const router = routeEvents<PoolClient>(
  [
    on(ProductCreated, snapshot),
    on(ProductUpdated, snapshot),
    on(ProductPriceChanged, (tx, change) =>
      recordProductNews(tx, {
        productId: change.productId,
        version: change.version,
        price: { amount: change.newPrice, currency: change.currency },
      }),
    ),
    on(ProductDeleted, (tx, deleted) =>
      recordProductNews(tx, { productId: deleted.productId, version: deleted.version, status: 'archived' }),
    ),
  ],
  allEvents,
);

export const productFactEvents = (pool: Pool) =>
  idempotentConsumer(pool, { name: PRODUCT_FACTS, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
