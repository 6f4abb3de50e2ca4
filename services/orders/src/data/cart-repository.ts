import type { Pool } from '@shop/platform';
import type { AddedAs, CartItem, CartLine, CartStore } from '../domain/cart.js';

interface CartRow {
  product_id: string;
  quantity: number;
  added_name: string | null;
  added_price: number | null;
  added_currency: string | null;
}

export class CartRepository implements CartStore {
  constructor(private readonly pool: Pool) {}

  async items(userId: string): Promise<CartLine[]> {
    const { rows } = await this.pool.query<CartRow>(
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

  async set(userId: string, productId: string, quantity: number, added: AddedAs): Promise<void> {
    await this.pool.query(
      `INSERT INTO cart_items (user_id, product_id, quantity, added_name, added_price, added_currency)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = excluded.quantity, updated_at = now()`,
      [userId, productId, quantity, added.name, added.price, added.currency],
    );
  }

  async add(userId: string, items: (CartItem & { added: AddedAs })[], max: number): Promise<void> {
    if (items.length === 0) return;
    await this.pool.query(
      `INSERT INTO cart_items (user_id, product_id, quantity, added_name, added_price, added_currency)
       SELECT $1, p, least(q, $4), n, pr, c
       FROM unnest($2::uuid[], $3::int[], $5::text[], $6::bigint[], $7::text[]) AS t(p, q, n, pr, c)
       ON CONFLICT (user_id, product_id)
       DO UPDATE SET quantity = least(cart_items.quantity + excluded.quantity, $4), updated_at = now()`,
      [
        userId,
        items.map((i) => i.productId),
        items.map((i) => i.quantity),
        max,
        items.map((i) => i.added.name),
        items.map((i) => i.added.price),
        items.map((i) => i.added.currency),
      ],
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
