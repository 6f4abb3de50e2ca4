import type { Queryable } from '@shop/platform';
import type { SignalStore } from '../domain/recommendation-signals.js';

/** Purchases further apart than this (by one customer) do not make a pair. */
const PAIR_WINDOW = '365 days';

export function signalsRepository(db: Queryable): SignalStore {
  return {
    async recordPurchase(order) {
      // One customer's orders are recorded one at a time: each sees the lines of the others,
      // so every pair of lines is counted exactly once, by whichever arrives second.
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('purchases:' || $1, 0))`, [order.userId]);
      const { rows } = await db.query<{ product_id: string }>(
        `INSERT INTO purchases (order_id, product_id, user_id, quantity, paid_at)
         SELECT $1, line.product_id, $2, line.quantity, $3
         FROM unnest($4::uuid[], $5::int[]) AS line (product_id, quantity)
         ORDER BY line.product_id
         ON CONFLICT (order_id, product_id) DO NOTHING
         RETURNING product_id`,
        [
          order.orderId,
          order.userId,
          order.paidAt,
          order.lines.map((l) => l.productId),
          order.lines.map((l) => l.quantity),
        ],
      );
      if (rows.length === 0) return false;
      const fresh = rows.map((r) => r.product_id);
      // Sorted upserts: concurrent orders lock shared rows in the same order (no deadlock).
      // A product no event told about yet gets an 'unknown' row that events and lookups complete.
      await db.query(
        `INSERT INTO catalog_products (product_id, status, version, popularity)
         SELECT product_id, 'unknown', 0, recency_weight($2) FROM unnest($1::uuid[]) AS product_id
         ORDER BY product_id
         ON CONFLICT (product_id) DO UPDATE SET popularity = catalog_products.popularity + excluded.popularity`,
        [fresh, order.paidAt],
      );
      await db.query(
        `WITH fresh AS (
           SELECT * FROM purchases WHERE order_id = $1 AND product_id = ANY($2::uuid[])
         ),
         partners AS (
           SELECT f.product_id AS fresh_id, o.product_id AS other_id,
                  greatest(f.paid_at, o.paid_at) AS at,
                  (o.order_id = $1 AND o.product_id = ANY($2::uuid[])) AS both_fresh
           FROM fresh f
           JOIN purchases o ON o.user_id = f.user_id AND o.product_id <> f.product_id
            AND o.paid_at BETWEEN f.paid_at - interval '${PAIR_WINDOW}' AND f.paid_at + interval '${PAIR_WINDOW}'
         ),
         pairs AS (
           -- Both directions; two fresh lines meet twice already (once from each side).
           SELECT fresh_id AS a, other_id AS b, at FROM partners
           UNION ALL
           SELECT other_id, fresh_id, at FROM partners WHERE NOT both_fresh
         )
         INSERT INTO item_pairs (product_id, related_id, score)
         SELECT a, b, sum(recency_weight(at)) FROM pairs GROUP BY a, b ORDER BY a, b
         ON CONFLICT (product_id, related_id) DO UPDATE SET score = item_pairs.score + excluded.score`,
        [order.orderId, fresh],
      );
      return true;
    },

    async recordReview(review) {
      await db.query(
        `INSERT INTO review_signals (review_id, user_id, product_id, rating, reviewed_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (review_id) DO UPDATE SET rating = excluded.rating, reviewed_at = excluded.reviewed_at`,
        [review.reviewId, review.userId, review.productId, review.rating, review.at],
      );
    },

    async recordReviewDeleted(review) {
      await db.query(
        `INSERT INTO review_signals (review_id, user_id, product_id, reviewed_at, deleted)
         VALUES ($1, $2, $3, $4, true)
         ON CONFLICT (review_id) DO UPDATE SET deleted = true`,
        [review.reviewId, review.userId, review.productId, review.at],
      );
    },

    async forgetUser(userId) {
      await db.query(`DELETE FROM purchases WHERE user_id = $1`, [userId]);
      await db.query(`DELETE FROM review_signals WHERE user_id = $1`, [userId]);
    },
  };
}
