import { problems, type App } from '@shop/platform';
import type { Recommendations as Recommender } from '../domain/recommendations.js';
import { userId, type AuthHooks } from './auth-hooks.js';
import { Recommendations, RecommendationsQuery } from './recommendations.schemas.js';

export interface RecommendationRoutesDeps {
  auth: AuthHooks;
  recommendations: Recommender;
}

export function registerRecommendationRoutes(
  app: App,
  { auth, recommendations }: RecommendationRoutesDeps,
): void {
  app.get(
    '/api/v1/users/me/recommendations',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'listRecommendations',
        tags: ['recommendations'],
        summary: 'Products you are likely to want, best first, each with the reason',
        description:
          'From what you bought, favorited and rated, what customers who bought the same also bought, ' +
          'and what sells in your categories and brands; best sellers for a new account. Never a product ' +
          'you bought in the last 90 days, favorited or reviewed, nor one that is not on sale or in stock. ' +
          '503 when the products service cannot be reached.',
        querystring: RecommendationsQuery,
        response: { 200: Recommendations, ...problems(400, 401, 503) },
      },
    },
    async (request) => ({ items: await recommendations.recommendFor(userId(request), request.query.limit) }),
  );
}
