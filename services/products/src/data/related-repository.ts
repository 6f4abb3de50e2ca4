import type { Pool } from '@shop/platform';
import type { ProductStatus } from '../domain/product.js';
import type { RelatedStore } from '../domain/related-products.js';
import { PRODUCT_COLUMNS, PRODUCT_FROM, toProduct, type ProductRow } from './product-rows.js';

const BEST_RATED = 'p.rating_average DESC, p.review_count DESC, p.id DESC';

/**
 * Three tiers, each an index walk that stops after a few rows (co_purchases_top and the
 * partial products_active_{category,brand}_rating indexes): bought together, same category,
 * same brand. A product in several tiers keeps its first. The later tiers read more rows than
 * the limit because some of them may already be taken by an earlier tier.
 */
const RELATED = `
  WITH candidates AS (
    (SELECT c.related_id AS id, 1 AS tier, row_number() OVER (ORDER BY c.orders DESC, c.related_id) AS rank
     FROM co_purchases c JOIN products p ON p.id = c.related_id
     WHERE c.product_id = $1 AND p.status = 'active'
     ORDER BY c.orders DESC, c.related_id LIMIT $2)
    UNION ALL
    (SELECT p.id, 2, row_number() OVER (ORDER BY ${BEST_RATED})
     FROM products p
     WHERE p.category_id = (SELECT category_id FROM products WHERE id = $1) AND p.status = 'active' AND p.id <> $1
     ORDER BY ${BEST_RATED} LIMIT 2 * $2)
    UNION ALL
    (SELECT p.id, 3, row_number() OVER (ORDER BY ${BEST_RATED})
     FROM products p
     WHERE p.brand = (SELECT brand FROM products WHERE id = $1) AND p.status = 'active' AND p.id <> $1
     ORDER BY ${BEST_RATED} LIMIT 3 * $2)
  ),
  chosen AS (
    SELECT id, tier, rank FROM (SELECT DISTINCT ON (id) id, tier, rank FROM candidates ORDER BY id, tier) first
    ORDER BY tier, rank LIMIT $2
  )
  SELECT ${PRODUCT_COLUMNS} FROM chosen JOIN ${PRODUCT_FROM} ON p.id = chosen.id
  ORDER BY chosen.tier, chosen.rank`;

export function relatedRepository(pool: Pool): RelatedStore {
  return {
    async productStatus(productId) {
      const { rows } = await pool.query<{ status: ProductStatus }>({
        name: 'related-status',
        text: 'SELECT status FROM products WHERE id = $1',
        values: [productId],
      });
      return rows[0]?.status;
    },

    async related(productId, limit) {
      const { rows } = await pool.query<ProductRow>({
        name: 'related-products',
        text: RELATED,
        values: [productId, limit],
      });
      return rows.map(toProduct);
    },
  };
}
