import { pgErrorCode, withTransaction, type Pool, type Queryable } from '@shop/platform';
import type { QueryConfig, QueryResultRow } from 'pg';
import { SearchTimedOut } from '../domain/errors.js';
import {
  RATING_STEPS,
  type Facets,
  type ProductSearchIndex,
  type ProductSort,
  type SearchReads,
} from '../domain/product-search.js';
import { PRICE_BANDS } from '../domain/search-cost.js';
import { afterCursor, keySelect, nextCursor, orderBy, type KeyColumn, type Keyset } from './keyset.js';
import { PRODUCT_COLUMNS, PRODUCT_FROM, toProduct, type ProductRow } from './product-rows.js';
import {
  FACET_COUNTS,
  PRODUCTS,
  allConditions,
  countableFromFacets,
  searchConditions,
} from './search-filters.js';
import { SqlParams } from './sql-params.js';

/** Ranking weights of the D, C, B, A parts of the search vector (description C, brand B, name A). */
const RANK_WEIGHTS = `'{0.1, 0.2, 0.4, 1.0}'`;
const BRAND_FACET_SIZE = 50;
const SUGGEST_CANDIDATES = 500;

function keysetFor(sort: ProductSort, tsquery: string | undefined): Keyset {
  const id = (direction: 'asc' | 'desc'): KeyColumn => ({ sql: 'p.id', type: 'uuid', direction });
  switch (sort) {
    case 'relevance':
      if (tsquery) {
        // Text relevance, nudged by how reviewed a product is: among equally good matches
        // the proven ones come first (30 reviews weigh about a third more than none).
        const rank = `(ts_rank(${RANK_WEIGHTS}, p.search, ${tsquery}) * (1 + ln(1 + p.review_count) / 10))::float8`;
        return { name: sort, columns: [{ sql: rank, type: 'float8', direction: 'desc' }, id('desc')] };
      }
      return keysetFor('newest', undefined);
    case 'price_asc':
      return { name: sort, columns: [{ sql: 'p.price', type: 'bigint', direction: 'asc' }, id('asc')] };
    case 'price_desc':
      return { name: sort, columns: [{ sql: 'p.price', type: 'bigint', direction: 'desc' }, id('desc')] };
    case 'rating':
      return {
        name: sort,
        columns: [
          { sql: 'p.rating_average', type: 'numeric', direction: 'desc' },
          { sql: 'p.review_count', type: 'bigint', direction: 'desc' },
          id('desc'),
        ],
      };
    case 'newest':
      return {
        name: sort,
        columns: [{ sql: 'p.created_at', type: 'timestamp', direction: 'desc' }, id('desc')],
      };
  }
}

interface FacetRow {
  grouping_set: number;
  category_id: string | null;
  category_slug: string | null;
  category_name: string | null;
  brand: string | null;
  band: number | null;
  by_category: number;
  by_brand: number;
  by_band: number;
  total: number;
  [rated: `rated_${number}`]: number;
}

// GROUPING(category_id, brand, band) of each grouping set: a bit is set for a column not grouped by.
const BY_CATEGORY = 0b011;
const BY_BRAND = 0b101;
const BY_BAND = 0b110;
const OVERALL = 0b111;

// query_canceled: what PostgreSQL answers when statement_timeout stops a statement.
const QUERY_CANCELED = '57014';

/** One statement; a statement stopped by its timeout is a SearchTimedOut (503), not a 500. */
async function statement<R extends QueryResultRow>(db: Queryable, config: QueryConfig) {
  try {
    return await db.query<R>(config);
  } catch (error) {
    if (pgErrorCode(error) !== QUERY_CANCELED) throw error;
    throw new SearchTimedOut({
      detail: 'The search ran past its time limit. Narrow it: fewer words, a category, a price band.',
      retryAfterSeconds: 5,
      cause: error,
    });
  }
}

/**
 * The search index. `statementTimeoutMs` bounds every statement of a costly search (SET LOCAL
 * in its transaction); cheap searches run outside a transaction, under the pool's own timeout.
 */
export function productSearchIndex(pool: Pool, settings: { statementTimeoutMs: number }): ProductSearchIndex {
  return {
    ...searchReads(pool),

    bounded: (work) =>
      withTransaction(pool, async (client) => {
        await client.query("SELECT set_config('statement_timeout', $1, true)", [
          String(settings.statementTimeoutMs),
        ]);
        return work(searchReads(client));
      }),

    async suggest(words, prefix, limit) {
      const { rows } = await statement<{ id: string; slug: string; name: string; brand: string }>(pool, {
        name: 'search-suggest',
        // Words of the name or brand (weights A, B): whole for those typed, a prefix for the one
        // being typed, stemmed or not ("headphones" is indexed "headphon"; "so" is a stop word
        // but starts "sony"). Out of at most SUGGEST_CANDIDATES matches (bounded work however
        // common the prefix), the most reviewed come first: a popular product is the likely one.
        text: `
          SELECT id, slug, name, brand FROM (
            SELECT p.id, p.slug, p.name, p.brand, p.review_count
            FROM products p
            WHERE p.status = 'active'
              AND p.search @@ (to_tsquery('english', $1) && (to_tsquery('english', $2) || to_tsquery('simple', $2)))
            LIMIT ${SUGGEST_CANDIDATES}
          ) candidate
          ORDER BY review_count DESC, id
          LIMIT $3`,
        values: [words.map((w) => `${w}:AB`).join(' & '), `${prefix}:*AB`, limit],
      });
      return rows;
    },
  };
}

/** The reads of a search, on the pool (cheap searches) or on a costly search's connection. */
function searchReads(db: Queryable): SearchReads {
  return {
    async correct(words) {
      const { rows } = await statement<{ word: string }>(db, {
        name: 'search-correct',
        // Only words of 4+ letters are corrected (shorter ones have too few trigrams to
        // compare); a correction to a word with the same stem is no correction.
        text: `
          SELECT CASE
                   WHEN best.term IS NULL OR to_tsvector('english', best.term) = to_tsvector('english', w.word)
                   THEN w.word ELSE best.term END AS word
          FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n)
          LEFT JOIN LATERAL (
            SELECT t.term FROM search_terms t
            WHERE w.word ~ '^[[:alpha:]]{4,}$'
              AND NOT EXISTS (SELECT 1 FROM search_terms known WHERE known.term = w.word)
              AND t.term % w.word AND similarity(t.term, w.word) >= 0.4
            ORDER BY similarity(t.term, w.word) DESC, t.term
            LIMIT 1
          ) best ON true
          ORDER BY w.n`,
        values: [words],
      });
      return rows.map((r) => r.word);
    },

    async page(query, limit, cursor) {
      const params = new SqlParams();
      const conditions = searchConditions(query, params);
      const keyset = keysetFor(query.sort, conditions.tsquery);
      const where = allConditions(conditions);
      const after = afterCursor(keyset, cursor, params);
      if (after) where.push(after);
      // The page is chosen from products alone; stock and ratings are joined for its rows only.
      const { rows } = await statement<ProductRow & Record<string, unknown>>(db, {
        text: `SELECT ${PRODUCT_COLUMNS}, ${keyset.columns.map((_, i) => `page.k${i}`).join(', ')}
         FROM (
           SELECT p.id, ${keySelect(keyset)} FROM products p
           WHERE ${where.join(' AND ')}
           ORDER BY ${orderBy(keyset)}
           LIMIT ${params.add(limit + 1)}
         ) page
         JOIN ${PRODUCT_FROM} ON p.id = page.id
         ORDER BY ${orderBy(keyset)}`,
        values: params.values,
      });
      return { items: rows.slice(0, limit).map(toProduct), nextCursor: nextCursor(keyset, rows, limit) };
    },

    async facets(query) {
      const source = countableFromFacets(query) ? FACET_COUNTS : PRODUCTS;
      const params = new SqlParams();
      const { common, faceted } = searchConditions(query, params, source);
      const { category, brand, price, rating } = faceted;
      const rated = RATING_STEPS.map(
        (step) =>
          `sum(n) FILTER (WHERE in_category AND in_brand AND in_price AND rating >= ${step}) AS rated_${step}`,
      );
      // One pass over the matching rows: each grouping set counts one facet, and each
      // facet's count ignores its own filter (the in_* flags) but obeys all the others.
      const { rows } = await statement<FacetRow>(db, {
        text: `WITH matched AS (
           SELECT p.category_id, p.brand, ${source.band} AS band, ${source.rating} AS rating, ${source.weight} AS n,
                  ${category} AS in_category, ${brand} AS in_brand, ${price} AS in_price, ${rating} AS in_rating
           FROM ${source.table} p
           WHERE ${common.join(' AND ')}
         ), counted AS (
           SELECT GROUPING(category_id, brand, band) AS grouping_set, category_id, brand, band,
                  sum(n) FILTER (WHERE in_brand AND in_price AND in_rating) AS by_category,
                  sum(n) FILTER (WHERE in_category AND in_price AND in_rating) AS by_brand,
                  sum(n) FILTER (WHERE in_category AND in_brand AND in_rating) AS by_band,
                  ${rated.join(',\n')},
                  sum(n) FILTER (WHERE in_category AND in_brand AND in_price AND in_rating) AS total
           FROM matched
           GROUP BY GROUPING SETS ((category_id), (brand), (band), ())
         )
         SELECT counted.*, c.slug AS category_slug, c.name AS category_name
         FROM counted LEFT JOIN categories c ON c.id = counted.category_id`,
        values: params.values,
      });
      return toFacets(rows);
    },
  };
}

function toFacets(rows: FacetRow[]): Facets & { total: number } {
  const overall = rows.find((r) => r.grouping_set === OVERALL);
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    total: overall?.total ?? 0,
    categories: rows
      .filter((r) => r.grouping_set === BY_CATEGORY && r.by_category > 0 && r.category_id)
      .map((r) => ({
        id: r.category_id!,
        slug: r.category_slug!,
        name: r.category_name!,
        count: r.by_category,
      }))
      .sort(byCount),
    brands: rows
      .filter((r) => r.grouping_set === BY_BRAND && r.by_brand > 0)
      .map((r) => ({ value: r.brand!, count: r.by_brand }))
      .sort((a, b) => byCount(a, b) || a.value.localeCompare(b.value))
      .slice(0, BRAND_FACET_SIZE),
    priceBands: rows
      .filter((r) => r.grouping_set === BY_BAND && r.by_band > 0)
      .map((r) => ({ min: PRICE_BANDS[r.band! - 1]!, max: PRICE_BANDS[r.band!] ?? null, count: r.by_band }))
      .sort((a, b) => a.min - b.min),
    ratings: RATING_STEPS.map((step) => ({ minRating: step, count: overall?.[`rated_${step}`] ?? 0 })),
  };
}
