import type { PoolClient } from '@shop/platform';
import type { PurchaseWrites } from '../domain/purchases.js';
import { isForgotten, lockUser } from './user-lock.js';

/** Purchase facts and the projections built on them, written in the consumer's transaction. */
export function purchaseRepository(client: PoolClient): PurchaseWrites {
  return {
    lockUser: (userId) => lockUser(client, userId, 'exclusive'),
    isForgotten: (userId) => isForgotten(client, userId),

    async markBought(orderId, productIds) {
      // A row comes back only when `bought` turns on here (the WHERE of DO UPDATE).
      const { rows } = await client.query<{ revoked: boolean }>(
        `INSERT INTO purchase_orders AS o (order_id, product_ids, bought) VALUES ($1, $2::uuid[], true)
         ON CONFLICT (order_id) DO UPDATE SET bought = true, product_ids = excluded.product_ids
         WHERE NOT o.bought
         RETURNING o.revoked`,
        [orderId, productIds],
      );
      if (rows[0]) return { first: true, revoked: rows[0].revoked };
      const { rows: known } = await client.query<{ revoked: boolean }>(
        'SELECT revoked FROM purchase_orders WHERE order_id = $1',
        [orderId],
      );
      return { first: false, revoked: known[0]!.revoked };
    },

    async markRevoked(orderId) {
      const { rows } = await client.query<{ bought: boolean; product_ids: string[] }>(
        `INSERT INTO purchase_orders AS o (order_id, revoked) VALUES ($1, true)
         ON CONFLICT (order_id) DO UPDATE SET revoked = true
         WHERE NOT o.revoked
         RETURNING o.bought, o.product_ids`,
        [orderId],
      );
      const row = rows[0];
      return row
        ? { first: true, bought: row.bought, productIds: row.product_ids }
        : { first: false, bought: false, productIds: [] };
    },

    async countBoughtTogether(productIds, change) {
      if (productIds.length < 2) return;
      // Pairs in key order, so concurrent orders lock shared pairs in the same order.
      await client.query(
        `INSERT INTO co_purchases AS c (product_id, related_id, orders)
         SELECT a, b, greatest($2::int, 0) FROM unnest($1::uuid[]) a, unnest($1::uuid[]) b
         WHERE a <> b ORDER BY a, b
         ON CONFLICT (product_id, related_id) DO UPDATE SET orders = c.orders + $2::int`,
        [productIds, change],
      );
      // A pair no counted order holds any more is no row at all, as if never bought together.
      if (change < 0) {
        await client.query(
          `DELETE FROM co_purchases
           WHERE product_id = ANY($1::uuid[]) AND related_id = ANY($1::uuid[]) AND orders = 0`,
          [productIds],
        );
      }
    },

    async addPurchases({ orderId, userId, productIds, at }) {
      await client.query(
        `INSERT INTO purchases AS p (user_id, product_id, order_id, purchased_at)
         SELECT $1, product_id, $3, $4 FROM unnest($2::uuid[]) AS product_id
         ON CONFLICT (user_id, product_id, order_id)
           DO UPDATE SET purchased_at = least(p.purchased_at, excluded.purchased_at)`,
        [userId, productIds, orderId, at],
      );
    },

    async removePurchases(orderId) {
      await client.query('DELETE FROM purchases WHERE order_id = $1', [orderId]);
    },

    async refreshVerified(userId, productIds) {
      // Flips only the reviews whose mark disagrees with the purchases.
      await client.query(
        `UPDATE reviews r SET verified_purchase = NOT r.verified_purchase
         WHERE r.user_id = $1 AND r.product_id = ANY($2::uuid[])
           AND r.verified_purchase <> EXISTS (SELECT 1 FROM purchases b
                                              WHERE b.user_id = r.user_id AND b.product_id = r.product_id)`,
        [userId, productIds],
      );
    },
  };
}
