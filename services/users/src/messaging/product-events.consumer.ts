import {
  ProductCreated,
  ProductDeleted,
  ProductUpdated,
  allEvents,
  on,
  routeEvents,
  type PayloadOf,
} from '@shop/contracts';
import type { RecommendationSignals } from '../domain/recommendation-signals.js';
import type { Consumer, Handling } from './consume.js';

const facts = (p: PayloadOf<typeof ProductCreated>) => ({
  productId: p.productId,
  name: p.name,
  categoryId: p.categoryId,
  brand: p.brand,
  status: p.status,
  version: p.version,
});

/**
 * What products tells about its catalog: names, categories, brands and statuses for the
 * recommendation model; an archived product also leaves every favorites list. Prices are not
 * kept (recommendations and favorites show live ones from the batch lookup), so
 * product.price_changed.v1 is not subscribed: the product.updated.v1 of the same version
 * carries the whole snapshot.
 */
export const productEvents = (signals: RecommendationSignals): Consumer => ({
  name: 'users.product-events',
  router: routeEvents<Handling>(
    [
      on(ProductCreated, ({ stores }, p) => signals.recordProductFacts(stores, facts(p))),
      on(ProductUpdated, ({ stores }, p) => signals.recordProductFacts(stores, facts(p))),
      on(ProductDeleted, ({ stores }, p) => signals.recordProductArchived(stores, p)),
    ],
    allEvents,
  ),
});
