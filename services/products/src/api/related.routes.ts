import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { RelatedProducts } from '../domain/related-products.js';
import { IdParams } from './common.schemas.js';
import { productView } from './product.views.js';
import { RelatedParams, RelatedResponse } from './related.schemas.js';
import { viewerOf } from './viewer.js';

export interface RelatedRoutesDeps {
  guards: Guards;
  related: RelatedProducts;
}

export function registerRelatedRoutes(app: App, { guards, related }: RelatedRoutesDeps): void {
  app.get(
    '/api/v1/products/:id/related',
    {
      onRequest: guards.optionalUser,
      schema: {
        operationId: 'listRelatedProducts',
        tags: ['products'],
        summary: 'Customers also bought: products often bought with this one, then similar ones',
        description:
          'Active products only, the same for every customer: those bought in the same paid orders ' +
          '(most orders first), filled up with the best-rated of the same category, then of the same brand.',
        params: IdParams,
        querystring: RelatedParams,
        response: { 200: RelatedResponse, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const items = await related.list(request.params.id, viewerOf(request), request.query.limit);
      return { items: items.map(productView) };
    },
  );
}
