import type { ProductStatus } from './product.js';

/**
 * How much database work a search can cause, judged from its shape alone (no query is run to
 * decide): a cheap search has bounded work whatever its values, a costly one can make the
 * database read a large part of the catalog for one answer. Costly searches are rationed (see
 * search-budget.ts); cheap ones, the storefront's browsing, are not, and are not counted.
 *
 * Cheap: at most one narrowing filter among category, price and rating (stock may be added), with
 * price limits on band boundaries (what clicking a price band sends), on sale products only, any
 * sort. Its counts come from facet_counts (a few thousand rows) and its page from walking one
 * index in sort order, which finds a page quickly while the filter keeps a fair part of the
 * catalog.
 *
 * Costly, each measured on 100,000 products:
 * - words (full text, typo correction, ranking) and attribute filters: facets counted over every
 *   match (up to ~120 ms);
 * - a price limit off the band boundaries: facets counted over every product in range (~120 ms);
 * - a brand filter: no index answers it in sort order, so a rare brand walks the whole catalog
 *   to fill a page (~130 ms);
 * - two or more of category, price and rating together: their matches are rare enough that the
 *   walk in sort order passes most of the catalog (up to ~240 ms);
 * - draft or archived products (admins): outside the partial indexes of the listing.
 */
export type SearchCost = 'cheap' | 'costly';

/** The parts of a search its cost depends on. */
export interface SearchShape {
  words: string[];
  categories: string[];
  brands: string[];
  minPrice: number | undefined;
  maxPrice: number | undefined;
  minRating: number | undefined;
  attributes: Record<string, string[]>;
  statuses: ProductStatus[];
}

/** Lower bounds of the price bands, in minor units (the last band is open-ended). */
export const PRICE_BANDS = [0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000];

/** Whether the price limits select whole bands: `minPrice` a band's start, `maxPrice` one below the next. */
export function onBandBoundaries(minPrice: number | undefined, maxPrice: number | undefined): boolean {
  return (
    (minPrice === undefined || PRICE_BANDS.includes(minPrice)) &&
    (maxPrice === undefined || PRICE_BANDS.includes(maxPrice + 1))
  );
}

export function searchCost(shape: SearchShape): SearchCost {
  if (shape.words.length > 0 || Object.keys(shape.attributes).length > 0 || shape.brands.length > 0) {
    return 'costly';
  }
  if (!onBandBoundaries(shape.minPrice, shape.maxPrice)) return 'costly';
  if (shape.statuses.some((status) => status !== 'active')) return 'costly';
  const narrowing = [
    shape.categories.length > 0,
    shape.minPrice !== undefined || shape.maxPrice !== undefined,
    shape.minRating !== undefined,
  ].filter(Boolean).length;
  return narrowing > 1 ? 'costly' : 'cheap';
}
