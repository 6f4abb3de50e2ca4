import type { SearchQuery } from '../domain/product-search.js';
import type { SqlParams } from './sql-params.js';

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
 * The WHERE pieces of a search over `products p JOIN inventory i JOIN rating_summaries r`.
 * Values always travel as parameters; only attribute names (validated at the edge) and
 * fixed SQL are in the text.
 */
export function searchConditions(query: SearchQuery, params: SqlParams): SearchConditions {
  const common = [`p.status = ANY(${params.add(query.statuses)}::text[])`];
  let tsquery: string | undefined;
  if (query.words.length > 0) {
    // Words are letters and digits only, so joining them with & cannot inject operators.
    tsquery = `to_tsquery('english', ${params.add(query.words.join(' & '))})`;
    common.push(`p.search @@ ${tsquery}`);
  }
  if (query.inStock) common.push('i.available > 0');
  for (const [name, values] of Object.entries(query.attributes)) {
    common.push(
      `lower(p.attributes ->> ${params.add(name)}) = ANY(${params.add(values.map((v) => v.toLowerCase()))}::text[])`,
    );
  }

  const faceted: FacetedFilters = { category: ALWAYS, brand: ALWAYS, price: ALWAYS, rating: ALWAYS };
  if (query.categories.length > 0) {
    // A category stands for its whole subtree; it may be named by slug or id.
    faceted.category = `p.category_id IN (
      WITH RECURSIVE subtree AS (
        SELECT id FROM categories WHERE slug = ANY(${params.add(query.categories)}::text[])
                                     OR id::text = ANY(${params.add(query.categories)}::text[])
        UNION
        SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id
      ) SELECT id FROM subtree)`;
  }
  if (query.brands.length > 0) {
    faceted.brand = `lower(p.brand) = ANY(${params.add(query.brands.map((b) => b.toLowerCase()))}::text[])`;
  }
  const price: string[] = [];
  if (query.minPrice !== undefined) price.push(`p.price >= ${params.add(query.minPrice)}`);
  if (query.maxPrice !== undefined) price.push(`p.price <= ${params.add(query.maxPrice)}`);
  if (price.length > 0) faceted.price = price.join(' AND ');
  if (query.minRating !== undefined) faceted.rating = `r.average >= ${params.add(query.minRating)}`;

  return { tsquery, common, faceted };
}

export function allConditions(conditions: SearchConditions): string[] {
  return [...conditions.common, ...Object.values(conditions.faceted).filter((c) => c !== ALWAYS)];
}
