import { BadRequest } from '@shop/platform/domain';
import { listableStatuses, type Product, type ProductStatus, type Viewer } from './product.js';
import type { SearchBudget } from './search-budget.js';
import { searchCost } from './search-cost.js';

export type ProductSort = 'relevance' | 'price_asc' | 'price_desc' | 'rating' | 'newest';

/** What a shopper asks for; repeated values of one filter mean OR, different filters AND. */
export interface SearchRequest {
  text?: string | undefined;
  categories?: string[] | undefined;
  brands?: string[] | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  minRating?: number | undefined;
  inStock?: boolean | undefined;
  /** `attr.color=black` → `{ color: ['black'] }`. */
  attributes?: Record<string, string[]> | undefined;
  statuses?: ProductStatus[] | undefined;
  sort?: ProductSort | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A request ready for the index: words corrected, statuses and sort settled. */
export interface SearchQuery {
  words: string[];
  categories: string[];
  brands: string[];
  minPrice: number | undefined;
  maxPrice: number | undefined;
  minRating: number | undefined;
  inStock: boolean;
  attributes: Record<string, string[]>;
  statuses: ProductStatus[];
  sort: ProductSort;
}

export interface Facets {
  categories: { id: string; slug: string; name: string; count: number }[];
  brands: { value: string; count: number }[];
  priceBands: { min: number; max: number | null; count: number }[];
  ratings: { minRating: number; count: number }[];
}

export interface SearchResult {
  items: Product[];
  nextCursor: string | null;
  total: number;
  facets: Facets;
  /** The words actually searched, when a typo was corrected ("hedphones" → "headphones"). */
  correctedQuery?: string;
}

export interface Suggestion {
  id: string;
  slug: string;
  name: string;
  brand: string;
}

/** What a search reads. */
export interface SearchReads {
  /** Each word as the catalog spells it: unknown words become the closest known word. */
  correct(words: string[]): Promise<string[]>;
  page(
    query: SearchQuery,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ items: Product[]; nextCursor: string | null }>;
  /** Counts per facet for the query, each facet ignoring its own filter. */
  facets(query: SearchQuery): Promise<Facets & { total: number }>;
}

export interface ProductSearchIndex extends SearchReads {
  /**
   * Runs `work` on one database connection on which every statement is stopped after the
   * search timeout (then SearchTimedOut is thrown): how costly searches run.
   */
  bounded<T>(work: (reads: SearchReads) => Promise<T>): Promise<T>;
  suggest(words: string[], prefix: string, limit: number): Promise<Suggestion[]>;
}

export const RATING_STEPS = [4, 3, 2, 1];
export const MAX_WORDS = 10;

/** Lowercase words of letters and digits: what both the query and the index are made of. */
export function searchWords(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS);
}

type Filters = Omit<SearchQuery, 'words' | 'sort'>;

export interface ProductSearchDeps {
  index: ProductSearchIndex;
  /** Rations costly searches per client and per process. */
  budget: SearchBudget;
}

/**
 * Search and suggestions. `client` is who asks (clientKey of their address): costly searches
 * (search-cost.ts) are rationed per client and per process by the budget, and run with a statement
 * timeout; cheap ones run at once, uncounted.
 */
export class ProductSearch {
  constructor(private readonly deps: ProductSearchDeps) {}

  async search(request: SearchRequest, viewer: Viewer, client: string): Promise<SearchResult> {
    const { index, budget } = this.deps;
    if (
      request.minPrice !== undefined &&
      request.maxPrice !== undefined &&
      request.minPrice > request.maxPrice
    ) {
      // Kept here: a JSON schema cannot compare one field with another.
      throw new BadRequest({
        detail: 'minPrice is above maxPrice.',
        fields: [{ field: 'query.maxPrice', message: 'must be >= minPrice' }],
      });
    }
    const typed = searchWords(request.text);
    const filters: Filters = {
      // Slugs and ids are both lower case: a category named in capitals is the same category.
      categories: (request.categories ?? []).map((category) => category.toLowerCase()),
      brands: request.brands ?? [],
      minPrice: request.minPrice,
      maxPrice: request.maxPrice,
      minRating: request.minRating,
      inStock: request.inStock ?? false,
      attributes: request.attributes ?? {},
      statuses: listableStatuses(viewer, request.statuses),
    };
    if (searchCost({ ...filters, words: typed }) === 'cheap') return run(index, filters, typed, request);
    const release = await budget.admit(client);
    try {
      return await index.bounded((reads) => run(reads, filters, typed, request));
    } finally {
      release();
    }
  }

  /** Products whose words start like what is being typed, for a search box. */
  async suggest(text: string, limit: number): Promise<Suggestion[]> {
    const words = searchWords(text);
    const prefix = words.pop();
    if (!prefix) return [];
    return this.deps.index.suggest(words, prefix, limit);
  }
}

async function run(
  reads: SearchReads,
  filters: Filters,
  typed: string[],
  request: SearchRequest,
): Promise<SearchResult> {
  const words = typed.length > 0 ? await reads.correct(typed) : [];
  const query: SearchQuery = {
    ...filters,
    words,
    // Relevance needs words to rank by; without them the newest come first.
    sort:
      request.sort && (request.sort !== 'relevance' || words.length > 0)
        ? request.sort
        : words.length > 0
          ? 'relevance'
          : 'newest',
  };
  const [page, { total, ...facets }] = await Promise.all([
    reads.page(query, request.limit, request.cursor),
    reads.facets(query),
  ]);
  const searched = words.join(' ');
  return {
    ...page,
    total,
    facets,
    ...(searched !== typed.join(' ') ? { correctedQuery: searched } : {}),
  };
}
