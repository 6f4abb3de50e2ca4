import type { Stack } from '@shop/launcher';
import pg from 'pg';
import { measure, print } from '../measure.js';
import { benchRequest } from '../api.js';
import type { BenchRequest } from '../scenario.js';

/**
 * Ids of active products of the seeded catalogue, in a fixed pseudo-random order, read from the
 * products database (the bench may; services may not): requests spread over the whole table
 * as the baseline's spread over its 10,000 rows.
 */
export async function activeProductIds(stack: Stack, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: stack.databases.products });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM products WHERE status = 'active' ORDER BY md5(id::text) LIMIT $1`,
      [count],
    );
    if (rows.length === 0) throw new Error('the products database has no active product');
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

/** GET of each product page in turn, from the first id, round and round. */
export function productPages(ids: string[], headers: Record<string, string>): BenchRequest {
  let next = 0;
  const page = (id: string) => benchRequest('get', '/api/v1/products/{id}', { params: { id }, headers });
  return {
    ...page(ids[0]!),
    setupRequest: (request) => ({ ...request, path: page(ids[next++ % ids.length]!).path }),
  };
}

/**
 * Reads each product once through the gateway (autocannon, 32 connections, as the measured run)
 * and prints that pass: the product service keeps what it served in memory, so this is the cold
 * case, every page from the database, and what is measured after it is the steady state of product
 * pages that are read again and again.
 */
export async function readEachOnce(stack: Stack, ids: string[], headers: Record<string, string>) {
  const cold = await measure('  first read of each', stack.gatewayUrl, [productPages(ids, headers)], {
    connections: 32,
    duration: 60,
    amount: ids.length,
  });
  print(cold);
  if (cold.non2xx + cold.errors > 0) throw new Error('the first read of the products failed');
}
