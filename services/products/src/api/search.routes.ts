import { clientKey, problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { ProductSearch, SearchRequest } from '../domain/product-search.js';
import { productView } from './product.views.js';
import { SearchParams, SearchResponse, SuggestParams, SuggestResponse } from './search.schemas.js';
import { viewerOf } from './viewer.js';

const tags = ['search'];
const ATTRIBUTE_PREFIX = 'attr.';

export interface SearchRoutesDeps {
  guards: Guards;
  search: ProductSearch;
}

export function registerSearchRoutes(app: App, { guards, search }: SearchRoutesDeps): void {
  app.get(
    '/api/v1/products',
    {
      onRequest: guards.optionalUser,
      schema: {
        operationId: 'listProducts',
        tags,
        summary: 'Search and filter products, with facets',
        description:
          'Full-text search with typo correction and relevance ranking. Filters combine with AND, ' +
          'repeated values of one filter with OR; `attr.<name>=` filters on attributes. Each facet is ' +
          'counted with every filter except its own. Costly searches (words, brand or attribute ' +
          'filters, price limits off the band boundaries, two or more of category, price and rating, ' +
          'drafts) are rationed per client: 429 with Retry-After past its share, 503 with ' +
          'Retry-After when the service is busy with them or one ran past its time limit.',
        querystring: SearchParams,
        response: { 200: SearchResponse, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const { query: params } = request;
      const query: SearchRequest = {
        text: params.q,
        categories: params.category,
        brands: params.brand,
        minPrice: params.minPrice,
        maxPrice: params.maxPrice,
        minRating: params.minRating,
        inStock: params.inStock,
        attributes: attributeFilters(params),
        statuses: params.status,
        sort: params.sort,
        limit: params.limit,
        cursor: params.cursor,
      };
      const result = await search.search(query, viewerOf(request), clientKey(request.ip));
      return { ...result, items: result.items.map(productView) };
    },
  );

  app.get(
    '/api/v1/products/suggest',
    {
      schema: {
        operationId: 'suggestProducts',
        tags,
        summary: 'Search-box suggestions: active products whose words start like the text typed',
        querystring: SuggestParams,
        response: { 200: SuggestResponse, ...problems(400) },
      },
    },
    async (request) => ({ items: await search.suggest(request.query.q, request.query.limit) }),
  );
}

/** `attr.color=black&attr.color=white` → `{ color: ['black', 'white'] }` (names validated by the schema). */
function attributeFilters(query: object): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith(ATTRIBUTE_PREFIX)) filters[key.slice(ATTRIBUTE_PREFIX.length)] = value as string[];
  }
  return filters;
}
