import { recommendFor } from '../domain/recommendations.js';
import { userId } from './auth-hooks.js';
import { Bearer, responses } from './common.schemas.js';
import type { RouteContext } from './context.js';
import { Recommendations, RecommendationsQuery } from './recommendations.schemas.js';

export function recommendationRoutes({ app, deps, auth }: RouteContext) {
  app.get(
    '/api/v1/users/me/recommendations',
    {
      onRequest: auth.user,
      schema: {
        tags: ['recommendations'],
        summary: 'Products you are likely to want, best first, each with the reason',
        description:
          'From what you bought, favorited and rated, what customers who bought the same also bought, ' +
          'and what sells in your categories and brands; best sellers for a new account. Never a product ' +
          'you bought in the last 90 days, favorited or reviewed, nor one that is not on sale or in stock. ' +
          '503 when the products service cannot be reached.',
        security: Bearer,
        querystring: RecommendationsQuery,
        response: responses({ 200: Recommendations }),
      },
    },
    async (request) => ({ items: await recommendFor(deps, userId(request), request.query.limit) }),
  );
}
