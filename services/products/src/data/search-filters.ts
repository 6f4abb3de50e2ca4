import type { SearchQuery } from '../domain/product-search.js';
import { onBandBoundaries } from '../domain/search-cost.js';
import type { SqlParams } from './sql-params.js';

/**
 * Where a search counts from: the products themselves, or facet_counts (products
 * pre-aggregated by status, category, brand, price band, rating floor and stock).
 * Both are aliased `p` and share the category, brand, status and in_stock columns.
 */
export interface SearchSource {
  table: 'products' | 'facet_counts';
  band: string;
  /** Compared with whole stars: `average >= n` and `floor(average) >= n` agree. */
  rating: string;
  /** How many products a row stands for. */
  weight: string;
}

export const PRODUCTS: SearchSource = {
  table: 'products',
  band: 'price_band(p.price)',
  rating: 'p.rating_average',
  weight: '1',
};
export const FACET_COUNTS: SearchSource = {
  table: 'facet_counts',
  band: 'p.price_band',
  rating: 'p.rating_floor',
  weight: 'p.products',
};

/** Filters that have a facet: each facet counts with every filter but its own. */
export interface FacetedFilters {
  category: string;
  brand: string;
  price: string;
  rating: string;
}

export interface SearchConditions {
  /** The text query as a tsquery expression, when there are words. */
  tsquery: string | undefined;
  /** Conditions every count and every page obeys. */
  common: string[];
  faceted: FacetedFilters;
}

const ALWAYS = 'true';

/**
 * Whether facet_counts can answer the counts of this query: no words, no attribute
 * filters, and price limits on band boundaries (what clicking a price band sends).
 */
export function countableFromFacets(query: SearchQuery): boolean {
  return (
    query.words.length === 0 &&
    Object.keys(query.attributes).length === 0 &&
    onBandBoundaries(query.minPrice, query.maxPrice)
  );
}

/**
 * The WHERE pieces of a search. Values always travel as parameters; only attribute
 * names (validated at the edge) and fixed SQL are in the text.
 */
export function searchConditions(query: SearchQuery, params: SqlParams, source = PRODUCTS): SearchConditions {
  const common = [`p.status = ANY(${params.add(query.statuses)}::text[])`];
  let tsquery: string | undefined;
  if (query.words.length > 0) {
    // Words are letters and digits only, so joining them with & cannot inject operators.
    tsquery = `to_tsquery('english', ${params.add(query.words.join(' & '))})`;
    common.push(`p.search @@ ${tsquery}`);
  }
  if (query.inStock) common.push('p.in_stock');
  for (const [name, values] of Object.entries(query.attributes)) {
    // Any of the values (OR) of this attribute, through the products_attribute_terms index.
    const terms = values.map((value) => `${name}=${value}`.toLowerCase());
    common.push(`p.attribute_terms && ${params.add(terms)}::text[]`);
  }

  const faceted: FacetedFilters = { category: ALWAYS, brand: ALWAYS, price: ALWAYS, rating: ALWAYS };
  if (query.categories.length > 0) {
    // A category stands for its whole subtree; it may be named by slug or id.
    const named = params.add(query.categories);
    faceted.category = `p.category_id IN (
      WITH RECURSIVE subtree AS (
        SELECT id FROM categories WHERE slug = ANY(${named}::text[]) OR id::text = ANY(${named}::text[])
        UNION
        SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id
      ) SELECT id FROM subtree)`;
  }
  if (query.brands.length > 0) {
    faceted.brand = `lower(p.brand) = ANY(${params.add(query.brands.map((b) => b.toLowerCase()))}::text[])`;
  }
  const price: string[] = [];
  if (source === PRODUCTS) {
    if (query.minPrice !== undefined) price.push(`p.price >= ${params.add(query.minPrice)}`);
    if (query.maxPrice !== undefined) price.push(`p.price <= ${params.add(query.maxPrice)}`);
  } else {
    // Limits on band boundaries (see countableFromFacets): whole bands in or out.
    if (query.minPrice !== undefined) price.push(`p.price_band >= price_band(${params.add(query.minPrice)})`);
    if (query.maxPrice !== undefined) price.push(`p.price_band <= price_band(${params.add(query.maxPrice)})`);
  }
  if (price.length > 0) faceted.price = price.join(' AND ');
  if (query.minRating !== undefined) faceted.rating = `${source.rating} >= ${params.add(query.minRating)}`;

  return { tsquery, common, faceted };
}

export function allConditions(conditions: SearchConditions): string[] {
  return [...conditions.common, ...Object.values(conditions.faceted).filter((c) => c !== ALWAYS)];
}
