import type { Stack } from '@shop/launcher';
import pg from 'pg';

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

/**
 * Reads each product once through the gateway (32 at a time) and prints how fast that went: the
 * product service keeps what it served in memory, so this first pass is the cold case, and what
 * is measured after it the steady state of product pages that are read again and again.
 */
export async function readEachOnce(stack: Stack, ids: string[], headers: Record<string, string>) {
  const started = performance.now();
  let next = 0;
  const reader = async () => {
    while (next < ids.length) {
      const response = await fetch(`${stack.gatewayUrl}/api/v1/products/${ids[next++]}`, { headers });
      if (response.status !== 200)
        throw new Error(`product page: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 32 }, reader));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${'  first read of each'.padEnd(24)} ${ids.length} products in ${seconds.toFixed(1)} s` +
      ` (${Math.round(ids.length / seconds)} req/s, product caches cold)`,
  );
}
