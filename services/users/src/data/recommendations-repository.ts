import type { Queryable } from '@shop/platform';
import type { RecommendationStore } from '../domain/recommendations.js';
import type { SignalKind } from '../domain/recommendation-ranking.js';

/** How many of each kind of the user's items inform the model (the most recent ones). */
const ITEMS_PER_KIND = 20;
/** Neighbours read per item, strongest first (index item_pairs_strongest). */
const NEIGHBOURS = 20;
/** A purchase's weight halves every this many days (the same half-life as recency_weight). */
const HALF_LIFE_DAYS = 60;

/**
 * One statement: the user's items (purchases decayed by age, favorites, ratings), their
 * strongest co-purchase neighbours, the popular products of the user's top categories and
 * brand, and the overall best sellers; each candidate with the numbers rank() needs.
 */
const CANDIDATES = `
WITH
bought AS (
  SELECT product_id, max(paid_at) AS at FROM purchases WHERE user_id = $1
  GROUP BY product_id ORDER BY at DESC LIMIT ${ITEMS_PER_KIND}
),
favorite AS (
  SELECT product_id FROM favorites WHERE user_id = $1 ORDER BY created_at DESC LIMIT ${ITEMS_PER_KIND}
),
rated AS (
  SELECT product_id, rating FROM review_signals WHERE user_id = $1 AND NOT deleted
  ORDER BY reviewed_at DESC LIMIT ${ITEMS_PER_KIND}
),
items AS (
  SELECT product_id, 'bought' AS kind, NULL::smallint AS rating,
         power(0.5, greatest(extract(epoch FROM $2::timestamptz - at)::float8, 0) / ${HALF_LIFE_DAYS * 86_400}) AS weight
  FROM bought
  UNION ALL
  SELECT product_id, 'favorite', NULL, 0.8 FROM favorite
  UNION ALL
  SELECT product_id, 'rated', rating, CASE WHEN rating >= 4 THEN 0.8 WHEN rating <= 2 THEN -1 ELSE 0 END FROM rated
),
seeds AS (
  SELECT DISTINCT ON (product_id) product_id, kind, rating, weight FROM items
  WHERE weight > 0 ORDER BY product_id, weight DESC, kind
),
neighbours AS (
  SELECT pair.related_id AS product_id, s.product_id AS seed_id, s.kind, s.rating,
         s.weight * pair.score::float8 / sqrt(ps.popularity::float8 * pr.popularity::float8) AS strength
  FROM seeds s
  CROSS JOIN LATERAL (
    SELECT related_id, score FROM item_pairs WHERE product_id = s.product_id
    ORDER BY score DESC LIMIT ${NEIGHBOURS}
  ) pair
  JOIN catalog_products ps ON ps.product_id = s.product_id
  JOIN catalog_products pr ON pr.product_id = pair.related_id
),
together AS (
  SELECT DISTINCT ON (product_id) product_id, seed_id, kind, rating,
         sum(strength) OVER (PARTITION BY product_id) AS together
  FROM neighbours ORDER BY product_id, strength DESC, seed_id
),
taste AS (
  SELECT c.category_id, c.brand, i.weight
  FROM items i JOIN catalog_products c USING (product_id) WHERE i.weight <> 0
),
total AS (SELECT nullif(sum(abs(weight)), 0) AS weight FROM taste),
category_shares AS (
  SELECT category_id, sum(weight) / (SELECT weight FROM total) AS share
  FROM taste WHERE category_id IS NOT NULL GROUP BY category_id
),
brand_shares AS (
  SELECT brand, sum(weight) / (SELECT weight FROM total) AS share
  FROM taste WHERE brand IS NOT NULL GROUP BY brand
),
in_taste AS (
  SELECT top.product_id FROM (
    SELECT category_id FROM category_shares WHERE share > 0 ORDER BY share DESC, category_id LIMIT 2
  ) k
  CROSS JOIN LATERAL (
    SELECT c.product_id FROM catalog_products c
    WHERE c.category_id = k.category_id AND c.status = 'active' AND c.popularity > 0
    ORDER BY c.popularity DESC, c.product_id LIMIT 20
  ) top
  UNION
  SELECT top.product_id FROM (
    SELECT brand FROM brand_shares WHERE share > 0 ORDER BY share DESC, brand LIMIT 1
  ) b
  CROSS JOIN LATERAL (
    SELECT c.product_id FROM catalog_products c
    WHERE c.brand = b.brand AND c.status = 'active' AND c.popularity > 0
    ORDER BY c.popularity DESC, c.product_id LIMIT 20
  ) top
),
best_sellers AS (
  SELECT product_id, popularity FROM catalog_products
  WHERE status IN ('active', 'unknown') AND popularity > 0
  ORDER BY popularity DESC, product_id LIMIT 30
),
candidates AS (
  SELECT DISTINCT ON (product_id) * FROM (
    SELECT product_id, together, seed_id, kind, rating FROM together
    UNION ALL SELECT product_id, 0, NULL, NULL, NULL FROM in_taste
    UNION ALL SELECT product_id, 0, NULL, NULL, NULL FROM best_sellers
  ) found
  ORDER BY product_id, together DESC
)
SELECT k.product_id, k.together, k.seed_id, k.kind AS seed_kind, k.rating AS seed_rating, seed.name AS seed_name,
       c.category_id, c.brand, c.name IS NOT NULL AS known,
       coalesce(cs.share, 0)::float8 AS category_share, coalesce(bs.share, 0)::float8 AS brand_share,
       coalesce(c.popularity::float8 / nullif((SELECT max(popularity) FROM best_sellers), 0)::float8, 0) AS popularity
FROM candidates k
LEFT JOIN catalog_products seed ON seed.product_id = k.seed_id
LEFT JOIN catalog_products c ON c.product_id = k.product_id
LEFT JOIN category_shares cs ON cs.category_id = c.category_id
LEFT JOIN brand_shares bs ON bs.brand = c.brand
WHERE (c.status IS NULL OR c.status IN ('active', 'unknown'))
  AND NOT EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = $1 AND f.product_id = k.product_id)
  AND NOT EXISTS (
    SELECT 1 FROM review_signals r WHERE r.user_id = $1 AND r.product_id = k.product_id AND NOT r.deleted
  )
  AND NOT EXISTS (
    SELECT 1 FROM purchases b WHERE b.user_id = $1 AND b.product_id = k.product_id AND b.paid_at >= $3
  )`;

interface CandidateRow {
  product_id: string;
  together: number;
  seed_id: string | null;
  seed_kind: SignalKind | null;
  seed_rating: number | null;
  seed_name: string | null;
  category_id: string | null;
  brand: string | null;
  known: boolean;
  category_share: number;
  brand_share: number;
  popularity: number;
}

export function recommendationsRepository(db: Queryable): RecommendationStore {
  return {
    async candidates({ userId, now, boughtSince }) {
      const { rows } = await db.query<CandidateRow>({
        name: 'recommendation-candidates',
        text: CANDIDATES,
        values: [userId, now, boughtSince],
      });
      return rows.map((row) => ({
        productId: row.product_id,
        together: row.together,
        because:
          row.seed_id && row.seed_kind
            ? { productId: row.seed_id, kind: row.seed_kind, name: row.seed_name, rating: row.seed_rating }
            : null,
        categoryId: row.category_id,
        brand: row.brand,
        categoryShare: row.category_share,
        brandShare: row.brand_share,
        popularity: row.popularity,
        known: row.known,
      }));
    },

    async excluded({ userId, boughtSince }, productIds) {
      if (productIds.length === 0) return new Set();
      const { rows } = await db.query<{ product_id: string }>(
        `SELECT product_id FROM favorites WHERE user_id = $1 AND product_id = ANY($2::uuid[])
         UNION SELECT product_id FROM review_signals
           WHERE user_id = $1 AND product_id = ANY($2::uuid[]) AND NOT deleted
         UNION SELECT product_id FROM purchases
           WHERE user_id = $1 AND product_id = ANY($2::uuid[]) AND paid_at >= $3`,
        [userId, productIds, boughtSince],
      );
      return new Set(rows.map((row) => row.product_id));
    },

    async unknownItems(userId, limit) {
      const { rows } = await db.query<{ product_id: string }>(
        `SELECT item.product_id FROM (
           SELECT product_id FROM purchases WHERE user_id = $1
           UNION SELECT product_id FROM favorites WHERE user_id = $1
           UNION SELECT product_id FROM review_signals WHERE user_id = $1 AND NOT deleted
         ) item
         WHERE NOT EXISTS (
           SELECT 1 FROM catalog_products c WHERE c.product_id = item.product_id AND c.name IS NOT NULL
         )
         LIMIT $2`,
        [userId, limit],
      );
      return rows.map((row) => row.product_id);
    },
  };
}
