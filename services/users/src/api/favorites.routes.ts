import { decodeCursor, encodeCursor, problems, type App } from '@shop/platform';
import type { Favorites } from '../domain/favorites.js';
import { userId, type AuthHooks } from './auth-hooks.js';
import { AddedKey, NoContent } from './common.schemas.js';
import { FavoritePage, FavoriteParams, FavoritesQuery } from './favorites.schemas.js';
import { favoriteView } from './favorites.views.js';

const tags = ['favorites'];

export interface FavoriteRoutesDeps {
  auth: AuthHooks;
  favorites: Favorites;
}

export function registerFavoriteRoutes(app: App, { auth, favorites }: FavoriteRoutesDeps): void {
  app.get(
    '/api/v1/users/me/favorites',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'listFavorites',
        tags,
        summary: 'Your favorite products, newest first',
        querystring: FavoritesQuery,
        response: { 200: FavoritePage, ...problems(400, 401) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, AddedKey);
      const page = await favorites.list(userId(request), { after, limit: request.query.limit });
      return { items: page.items.map(favoriteView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.put(
    '/api/v1/users/me/favorites/:productId',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'addFavorite',
        tags,
        summary: 'Add a product to your favorites (idempotent)',
        description: 'The product must be on sale (checked with the products service when it is configured).',
        params: FavoriteParams,
        response: { 204: NoContent, ...problems(400, 401, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      await favorites.add(userId(request), request.params.productId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/me/favorites/:productId',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'removeFavorite',
        tags,
        summary: 'Remove a product from your favorites (idempotent)',
        params: FavoriteParams,
        response: { 204: NoContent, ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await favorites.remove(userId(request), request.params.productId);
      return reply.code(204).send(null);
    },
  );
}
