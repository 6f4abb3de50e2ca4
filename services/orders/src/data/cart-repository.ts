import { withTransaction, type Pool, type PoolClient } from '@shop/platform';
import type { CartLine, CartPlan, CartStore } from '../domain/ports.js';

interface CartRow {
  product_id: string;
  quantity: number;
  added_name: string | null;
  added_price: number | null;
  added_currency: string | null;
}

export class CartRepository implements CartStore {
  constructor(private readonly pool: Pool) {}

  items(userId: string): Promise<CartLine[]> {
    return readItems(this.pool, userId);
  }

  async change<T>(userId: string, plan: (lines: CartLine[]) => CartPlan<T>) {
    return withTransaction(this.pool, async (tx) => {
      // Changes of one cart queue here, so each plan sees the lines the one before it wrote.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('orders.cart:' || $1, 0))`, [userId]);
      const { writes, result } = plan(await readItems(tx, userId));
      // One row per product: an upsert may not touch a row twice.
      const unique = [...new Map(writes.map((write) => [write.productId, write])).values()];
      if (unique.length > 0) {
        await tx.query(
          `INSERT INTO cart_items (user_id, product_id, quantity, added_name, added_price, added_currency)
           SELECT $1, p, q, n, pr, c
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[], $6::text[]) AS t(p, q, n, pr, c)
           ON CONFLICT (user_id, product_id)
           DO UPDATE SET quantity = excluded.quantity, updated_at = now()`,
          [
            userId,
            unique.map((w) => w.productId),
            unique.map((w) => w.quantity),
            unique.map((w) => w.added.name),
            unique.map((w) => w.added.price),
            unique.map((w) => w.added.currency),
          ],
        );
      }
      return { lines: await readItems(tx, userId), result };
    });
  }

  async remove(userId: string, productId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2`,
      [userId, productId],
    );
    return (rowCount ?? 0) > 0;
  }

  async clear(userId: string, productIds?: string[]): Promise<void> {
    if (productIds) {
      await this.pool.query(`DELETE FROM cart_items WHERE user_id = $1 AND product_id = ANY($2::uuid[])`, [
        userId,
        productIds,
      ]);
    } else {
      await this.pool.query(`DELETE FROM cart_items WHERE user_id = $1`, [userId]);
    }
  }
}

async function readItems(db: Pool | PoolClient, userId: string): Promise<CartLine[]> {
  const { rows } = await db.query<CartRow>(
    `SELECT product_id, quantity, added_name, added_price, added_currency
     FROM cart_items WHERE user_id = $1 ORDER BY added_at, product_id`,
    [userId],
  );
  return rows.map((row) => ({
    productId: row.product_id,
    quantity: row.quantity,
    added:
      row.added_name !== null && row.added_price !== null && row.added_currency !== null
        ? { name: row.added_name, price: row.added_price, currency: row.added_currency }
        : null,
  }));
}
