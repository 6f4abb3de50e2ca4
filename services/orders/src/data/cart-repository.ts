import type { Pool, PoolClient } from '@shop/platform';
import type { CartItem, CartStore } from '../domain/cart.js';

export class CartRepository implements CartStore {
  constructor(private readonly pool: Pool) {}

  async items(userId: string): Promise<CartItem[]> {
    const { rows } = await this.pool.query<{ product_id: string; quantity: number }>(
      `SELECT product_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at, product_id`,
      [userId],
    );
    return rows.map((row) => ({ productId: row.product_id, quantity: row.quantity }));
  }

  async set(userId: string, productId: string, quantity: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO cart_items (user_id, product_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = excluded.quantity, updated_at = now()`,
      [userId, productId, quantity],
    );
  }

  async add(userId: string, items: CartItem[], max: number): Promise<void> {
    if (items.length === 0) return;
    await this.pool.query(
      `INSERT INTO cart_items (user_id, product_id, quantity)
       SELECT $1, p, least(q, $4) FROM unnest($2::uuid[], $3::int[]) AS t(p, q)
       ON CONFLICT (user_id, product_id)
       DO UPDATE SET quantity = least(cart_items.quantity + excluded.quantity, $4), updated_at = now()`,
      [userId, items.map((i) => i.productId), items.map((i) => i.quantity), max],
    );
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

/** A product left the catalog (product.deleted.v1): no cart keeps it. */
export async function dropProductFromCarts(tx: PoolClient, productId: string): Promise<void> {
  await tx.query(`DELETE FROM cart_items WHERE product_id = $1`, [productId]);
}

/** A user deleted their account (user.deleted.v1): their cart and keys go; their orders stay. */
export async function forgetShopper(tx: PoolClient, userId: string): Promise<void> {
  await tx.query(`DELETE FROM cart_items WHERE user_id = $1`, [userId]);
  await tx.query(`DELETE FROM idempotency_keys WHERE user_id = $1`, [userId]);
}
