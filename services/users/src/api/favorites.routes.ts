import { decodeCursor, encodeCursor } from '@shop/platform';
import { addFavorite, listFavorites, removeFavorite } from '../domain/favorites.js';
import type { ProductSummary } from '../domain/products.js';
import { userId } from './auth-hooks.js';
import { AddedKey, Bearer, NoContent, responses } from './common.schemas.js';
import type { RouteContext } from './context.js';
import { FavoritePage, FavoriteParams, FavoritesQuery } from './favorites.schemas.js';

const tags = ['favorites'];

export function favoriteRoutes({ app, deps, auth }: RouteContext) {
  app.get(
    '/api/v1/users/me/favorites',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Your favorite products, newest first',
        security: Bearer,
        querystring: FavoritesQuery,
        response: responses({ 200: FavoritePage }),
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, AddedKey);
      const page = await listFavorites(deps, userId(request), { after, limit: request.query.limit });
      return {
        items: page.items.map(({ product, ...f }) => ({
          ...f,
          addedAt: f.addedAt.toISOString(),
          ...(product === undefined ? {} : { product: product && productView(product) }),
        })),
        nextCursor: page.next ? encodeCursor(page.next) : null,
      };
    },
  );

  app.put(
    '/api/v1/users/me/favorites/:productId',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Add a product to your favorites (idempotent)',
        description: 'The product must be on sale (checked with the products service when it is configured).',
        security: Bearer,
        params: FavoriteParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await addFavorite(deps, userId(request), request.params.productId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/me/favorites/:productId',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Remove a product from your favorites (idempotent)',
        security: Bearer,
        params: FavoriteParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await removeFavorite(deps, userId(request), request.params.productId);
      return reply.code(204).send(null);
    },
  );
}

/** The fields the favorites list promises (its schema is closed: a union cannot drop extras). */
const productView = (p: ProductSummary) => ({
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
