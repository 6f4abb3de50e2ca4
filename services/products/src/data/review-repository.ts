import { PgError, pgConstraint, pgErrorCode, type Outbox, type Pool, type PoolClient } from '@shop/platform';
import { ReviewExists } from '../domain/errors.js';
import type { ProductStatus, Stars } from '../domain/product.js';
import type { Review, ReviewSort, ReviewStore, ReviewWrites } from '../domain/reviews.js';
import { afterCursor, keySelect, nextCursor, orderBy, type Keyset } from './keyset.js';
import type { ProductCache, Touched } from './product-cache.js';
import { STAR_COLUMNS } from './product-rows.js';
import { SqlParams } from './sql-params.js';
import { isForgotten, lockUser } from './user-lock.js';

const COLUMNS = `id, product_id, user_id, author_name, rating, title, body, verified_purchase,
                 helpful_count, created_at, updated_at`;

interface ReviewRow {
  id: string;
  product_id: string;
  user_id: string;
  author_name: string;
  rating: Stars;
  title: string;
  body: string;
  verified_purchase: boolean;
  helpful_count: number;
  created_at: Date;
  updated_at: Date;
}

function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    productId: row.product_id,
    userId: row.user_id,
    authorName: row.author_name,
    rating: row.rating,
    title: row.title,
    body: row.body,
    verifiedPurchase: row.verified_purchase,
    helpfulCount: row.helpful_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const newest = { sql: 'created_at', type: 'timestamp', direction: 'desc' } as const;
const byId = { sql: 'id', type: 'uuid', direction: 'desc' } as const;
const SORTS: Record<ReviewSort, Keyset> = {
  newest: { name: 'newest', columns: [newest, byId] },
  highest: { name: 'highest', columns: [{ sql: 'rating', type: 'bigint', direction: 'desc' }, newest, byId] },
  lowest: { name: 'lowest', columns: [{ sql: 'rating', type: 'bigint', direction: 'asc' }, newest, byId] },
  helpful: {
    name: 'helpful',
    columns: [{ sql: 'helpful_count', type: 'bigint', direction: 'desc' }, newest, byId],
  },
};

async function productStatus(client: Pool | PoolClient, productId: string) {
  const { rows } = await client.query<{ status: ProductStatus }>(
    'SELECT status FROM products WHERE id = $1',
    [productId],
  );
  return rows[0]?.status;
}

export function reviewRepository(pool: Pool, outbox: Outbox, cache: ProductCache): ReviewStore {
  return {
    productStatus: (productId) => productStatus(pool, productId),

    async page(productId, sort, limit, cursor) {
      const keyset = SORTS[sort];
      const params = new SqlParams();
      const conditions = [`product_id = ${params.add(productId)}`];
      const after = afterCursor(keyset, cursor, params);
      if (after) conditions.push(after);
      const { rows } = await pool.query<ReviewRow & Record<string, unknown>>(
        `SELECT ${COLUMNS}, ${keySelect(keyset)} FROM reviews
         WHERE ${conditions.join(' AND ')}
         ORDER BY ${orderBy(keyset)} LIMIT ${params.add(limit + 1)}`,
        params.values,
      );
      return { items: rows.slice(0, limit).map(toReview), nextCursor: nextCursor(keyset, rows, limit) };
    },

    transaction: cache.transaction(pool, (client, touched) => reviewWrites(client, outbox, touched)),
  };
}

function reviewWrites(client: PoolClient, outbox: Outbox, touched: Touched): ReviewWrites {
  return {
    async accountDeleted(userId) {
      await lockUser(client, userId, 'shared');
      return isForgotten(client, userId);
    },

    productStatus: (productId) => productStatus(client, productId),

    async reviewIdOf(productId, userId) {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM reviews WHERE product_id = $1 AND user_id = $2',
        [productId, userId],
      );
      return rows[0]?.id;
    },

    async insert(review) {
      try {
        const { rows } = await client.query<ReviewRow>(
          `INSERT INTO reviews (id, product_id, user_id, author_name, rating, title, body, verified_purchase)
           VALUES ($1, $2, $3, $4, $5, $6, $7,
                   EXISTS (SELECT 1 FROM purchases WHERE user_id = $3 AND product_id = $2))
           RETURNING ${COLUMNS}`,
          [
            review.id,
            review.productId,
            review.userId,
            review.authorName,
            review.rating,
            review.title,
            review.body,
          ],
        );
        return toReview(rows[0]!);
      } catch (error) {
        // Two first reviews by one user racing: the constraint keeps one.
        if (
          pgErrorCode(error) === PgError.uniqueViolation &&
          pgConstraint(error) === 'reviews_one_per_user'
        ) {
          throw new ReviewExists({ cause: error });
        }
        throw error;
      }
    },

    async lock(reviewId) {
      const { rows } = await client.query<ReviewRow>(
        `SELECT ${COLUMNS} FROM reviews WHERE id = $1 FOR UPDATE`,
        [reviewId],
      );
      return rows[0] && toReview(rows[0]);
    },

    async update(reviewId, changes) {
      const { rows } = await client.query<ReviewRow>(
        `UPDATE reviews SET rating = coalesce($2, rating), title = coalesce($3, title), body = coalesce($4, body),
                            updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [reviewId, changes.rating ?? null, changes.title ?? null, changes.body ?? null],
      );
      return toReview(rows[0]!);
    },

    async delete(reviewId) {
      await client.query('DELETE FROM reviews WHERE id = $1', [reviewId]);
    },

    async rate(productId, { add, remove }) {
      touched.add(productId);
      // Relative updates under the row lock the UPDATE takes: exact under concurrency.
      const buckets = new Map<string, number>();
      if (add) buckets.set(STAR_COLUMNS[add], (buckets.get(STAR_COLUMNS[add]) ?? 0) + 1);
      if (remove) buckets.set(STAR_COLUMNS[remove], (buckets.get(STAR_COLUMNS[remove]) ?? 0) - 1);
      const values: unknown[] = [productId];
      const assignments = [...buckets].map(([column, delta]) => {
        values.push(delta);
        return `${column} = ${column} + $${values.length}`;
      });
      await client.query(
        `UPDATE rating_summaries SET ${[...assignments, 'version = version + 1'].join(', ')} WHERE product_id = $1`,
        values,
      );
    },

    async vote(reviewId, userId) {
      const { rowCount } = await client.query(
        'INSERT INTO review_votes (review_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [reviewId, userId],
      );
      return rowCount === 1;
    },

    async countHelpful(reviewId) {
      const { rows } = await client.query<{ helpful_count: number }>(
        'UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = $1 RETURNING helpful_count',
        [reviewId],
      );
      return rows[0]!.helpful_count;
    },

    async publish(events) {
      await outbox.append(client, events);
    },
  };
}
