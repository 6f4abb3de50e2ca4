/**
 * A shopper's search with facets through the gateway, one request at a time:
 * GET /api/v1/products?q=wireless headphones over the 100,000 catalogue (full text, ranking,
 * four facet counts, first page). Issue 3's target: p95 ≤ 50 ms at 1 connection.
 */
import type { ApiPath } from '../api.js';
import type { BenchRequest } from '../scenario.js';

const SEARCH: ApiPath = '/api/v1/products';

export const name = 'products-search';
export const baseline = 'forwarder-pk-read';
export const connections = 1;
export const target = { p95Ms: 50 };

export async function setup(): Promise<{ requests: BenchRequest[] }> {
  return { requests: [{ method: 'GET', path: `${SEARCH}?q=wireless%20headphones` }] };
}
