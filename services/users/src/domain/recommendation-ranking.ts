/**
 * How candidates are ranked and explained. Pure: the store gathers the numbers, this decides.
 *
 *   score = together + 0.1 × categoryShare + 0.05 × brandShare + 0.1 × popularity
 *
 * `together` is the item-to-item part: for each of the user's items (bought, favorited, rated
 * well), how often customers who bought it also bought the candidate (co-purchases over
 * √(popularity × popularity), recent ones weighing more), times how much that item says
 * about the user. The shares are the user's taste: the part of their signals in the
 * candidate's category and brand (a bad rating counts against). Popularity, relative to the
 * best seller, breaks ties and is all a new customer gets (cold start). Co-purchase evidence
 * dominates; taste and popularity order what it does not cover.
 */

export type SignalKind = 'bought' | 'favorite' | 'rated';

export interface Candidate {
  productId: string;
  together: number;
  /** The user's item that contributes most to `together`. */
  because: { productId: string; kind: SignalKind; name: string | null; rating: number | null } | null;
  categoryId: string | null;
  brand: string | null;
  /** Share of the user's signals in the candidate's category / brand, −1…1. */
  categoryShare: number;
  brandShare: number;
  /** Recent purchases relative to the best seller's, 0…1. */
  popularity: number;
  /** Whether this service knew the product (else it is filled from the lookup). */
  known: boolean;
}

export type Reason =
  | { kind: SignalKind; productId: string; name: string | null; rating: number | null }
  | { kind: 'category'; categoryId: string }
  | { kind: 'brand'; brand: string }
  | { kind: 'popular' }
  /** Cold start: nothing bought yet in this shop to learn from; the catalogue's best-rated. */
  | { kind: 'top_rated' };

export interface Ranked {
  productId: string;
  score: number;
  reason: Reason;
}

export const WEIGHTS = { together: 1, category: 0.1, brand: 0.05, popularity: 0.1 } as const;

/** Best first; equal scores by product id, so the order is the same on every replica and run. */
export function rank(candidates: Candidate[]): Ranked[] {
  return candidates
    .map((c) => {
      const parts = {
        together: WEIGHTS.together * c.together,
        category: WEIGHTS.category * c.categoryShare,
        brand: WEIGHTS.brand * c.brandShare,
        popularity: WEIGHTS.popularity * c.popularity,
      };
      const score = parts.together + parts.category + parts.brand + parts.popularity;
      return { productId: c.productId, score, reason: reasonFor(c, parts) };
    })
    .sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
}

/** The part that weighs most explains the item. */
function reasonFor(
  c: Candidate,
  parts: { together: number; category: number; brand: number; popularity: number },
): Reason {
  const strongest = Math.max(parts.together, parts.category, parts.brand, parts.popularity);
  if (c.because && parts.together > 0 && parts.together === strongest) return { ...c.because };
  if (c.categoryId && parts.category > 0 && parts.category === strongest)
    return { kind: 'category', categoryId: c.categoryId };
  if (c.brand && parts.brand > 0 && parts.brand === strongest) return { kind: 'brand', brand: c.brand };
  return { kind: 'popular' };
}

/** The sentence shown with the item. */
export function explain(reason: Reason, categoryNames: ReadonlyMap<string, string>): string {
  switch (reason.kind) {
    case 'bought':
      return reason.name ? `Because you bought ${reason.name}` : 'Bought by customers like you';
    case 'favorite':
      return reason.name ? `Because you favorited ${reason.name}` : 'Bought by customers like you';
    case 'rated':
      return reason.name
        ? `Because you rated ${reason.name} ${reason.rating}/5`
        : 'Bought by customers like you';
    case 'category': {
      const name = categoryNames.get(reason.categoryId);
      return name ? `Popular in ${name}` : 'Popular in a category you like';
    }
    case 'brand':
      return `More from ${reason.brand}`;
    case 'popular':
      return 'Popular right now';
    case 'top_rated':
      return 'Top rated';
  }
}
