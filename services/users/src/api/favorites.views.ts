import type { Static } from 'typebox';
import type { FavoriteView } from '../domain/favorites.js';
import type { ProductSummary as CatalogProduct } from '../domain/products.js';
import type { Favorite, ProductSummary } from './favorites.schemas.js';

/** The fields the favorites list promises (its schema is closed: a union cannot drop extras). */
const productView = (p: CatalogProduct): Static<typeof ProductSummary> => ({
  id: p.id,
  sku: p.sku,
  slug: p.slug,
  name: p.name,
  price: p.price,
  currency: p.currency,
  status: p.status,
  image: p.image,
  available: p.available,
});

/** `product` null: no longer sold; absent: the catalog could not be asked. */
export const favoriteView = ({ product, ...favorite }: FavoriteView): Static<typeof Favorite> => ({
  ...favorite,
  addedAt: favorite.addedAt.toISOString(),
  ...(product === undefined ? {} : { product: product && productView(product) }),
});
