/**
 * A filtered category listing through the gateway, one request at a time:
 * GET /api/v1/products?category=audio&sort=price_asc&inStock=true over the 100,000 catalogue
 * (descendant categories, stock filter, price order, facets).
 */
import { benchRequest } from '../api.js';
import type { BenchRequest } from '../scenario.js';

export const name = 'products-category';
export const baseline = 'forwarder-pk-read';
export const connections = 1;

export async function setup(): Promise<{ requests: BenchRequest[] }> {
  return {
    requests: [
      benchRequest('get', '/api/v1/products', {
        query: { category: ['audio'], sort: 'price_asc', inStock: true },
      }),
    ],
  };
}
