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
