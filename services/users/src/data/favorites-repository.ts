import type { Queryable } from '@shop/platform';
import type { FavoriteStore } from '../domain/favorites.js';

export function favoritesRepository(db: Queryable): FavoriteStore {
  return {
    async add(userId, productId) {
      const result = await db.query(
        `INSERT INTO favorites (user_id, product_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [userId, productId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async has(userId, productId) {
      const { rowCount } = await db.query(`SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = $2`, [
        userId,
        productId,
      ]);
      return (rowCount ?? 0) > 0;
    },

    async remove(userId, productId) {
      await db.query(`DELETE FROM favorites WHERE user_id = $1 AND product_id = $2`, [userId, productId]);
    },

    async list(userId, after, limit) {
      const { rows } = await db.query<{ product_id: string; created_at: Date }>(
        `SELECT product_id, created_at FROM favorites
         WHERE user_id = $1
           AND ($2::timestamptz IS NULL OR (created_at, product_id) < ($2::timestamptz, $3::uuid))
         ORDER BY created_at DESC, product_id DESC LIMIT $4`,
        [userId, after?.addedAt ?? null, after?.productId ?? null, limit],
      );
      return rows.map((row) => ({ productId: row.product_id, addedAt: row.created_at }));
    },

    async count(userId) {
      const { rows } = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM favorites WHERE user_id = $1`,
        [userId],
      );
      return rows[0]!.count;
    },

    async deleteAllOf(userId) {
      await db.query(`DELETE FROM favorites WHERE user_id = $1`, [userId]);
    },

    async removeProduct(productId) {
      const result = await db.query(`DELETE FROM favorites WHERE product_id = $1`, [productId]);
      return result.rowCount ?? 0;
    },
  };
}
