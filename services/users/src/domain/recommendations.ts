import { ServiceUnavailable } from '@shop/platform/domain';
import type { Clock, DomainLog, Later } from './ports.js';
import { isOnSale, type CatalogProjection, type ProductCatalog, type ProductSummary } from './products.js';
import { explain, rank, type Candidate, type Ranked } from './recommendation-ranking.js';

/** A product bought this recently is not proposed again. */
export const RECENTLY_BOUGHT_DAYS = 90;
/** The products batch lookup takes at most this many ids: one call per request. */
const LOOKUP_MAX = 100;

export interface CandidateQuery {
  userId: string;
  now: Date;
  /** Products the user bought since then are left out. */
  boughtSince: Date;
}

export interface RecommendationStore {
  /** Every product worth ranking for this user, with the numbers that rank it. */
  candidates(query: CandidateQuery): Promise<Candidate[]>;
  /** The user's items whose name, category or brand this service does not know yet. */
  unknownItems(userId: string, limit: number): Promise<string[]>;
  /** Those of `productIds` never to offer this user: favorited, reviewed, or bought since then. */
  excluded(query: CandidateQuery, productIds: string[]): Promise<Set<string>>;
}

export interface Recommendation {
  id: string;
  name: string;
  price: number;
  currency: string;
  image: string | null;
  rating: { average: number; count: number };
  inStock: boolean;
  reason: string;
}

export interface RecommendationsDeps {
  recommendations: RecommendationStore;
  catalogProjection: CatalogProjection;
  /** Absent until the products service is configured (PRODUCTS_URL): then a 503. */
  catalog: ProductCatalog | undefined;
  clock: Clock;
  log: DomainLog;
  later: Later;
}

export class Recommendations {
  constructor(private readonly deps: RecommendationsDeps) {}

  /**
   * Products this user is likely to want, best first: one query for the ranked candidates, one
   * batch lookup that hydrates them and tells which are on sale and in stock. What the lookup
   * taught about products this service did not know is kept after answering.
   */
  async recommendFor(userId: string, limit: number): Promise<Recommendation[]> {
    const { recommendations, catalogProjection, catalog, clock, log, later } = this.deps;
    if (!catalog) throw new ServiceUnavailable('Recommendations need the products service (PRODUCTS_URL).');
    const now = clock();
    const boughtSince = new Date(now.getTime() - RECENTLY_BOUGHT_DAYS * 86_400_000);
    const [candidates, unknownItems] = await Promise.all([
      recommendations.candidates({ userId, now, boughtSince }),
      recommendations.unknownItems(userId, 20),
    ]);
    const ranked = rank(candidates);
    // Some are filtered out by the lookup (sold out, no longer sold): ask for more than needed,
    // along with the user's items this service cannot name or place yet.
    const head = ranked.slice(0, limit * 2 + 5);
    const extra = [...new Set([...unknownItems, ...head.flatMap(unnamedItem)])].slice(0, 40);
    const shortlist = head.slice(0, LOOKUP_MAX - extra.length);
    const products = await catalog.find([...new Set([...shortlist.map((r) => r.productId), ...extra])]);

    const picked = shortlist
      .filter((r) => {
        const product = products.get(r.productId);
        return isOnSale(product) && product.available;
      })
      .slice(0, limit);
    if (picked.length < limit) {
      // Cold start (a shop where little has been bought yet): top up with the best-rated.
      for (const extra of await this.topRated(
        catalog,
        { userId, now, boughtSince },
        limit - picked.length,
        picked,
      )) {
        products.set(extra.id, extra);
        picked.push({ productId: extra.id, score: 0, reason: { kind: 'top_rated' } });
      }
    }
    const categoryNames = picked.some((r) => r.reason.kind === 'category')
      ? await catalog.categoryNames().catch((error: unknown) => {
          log.warn({ err: error }, 'recommendations explained without category names');
          return new Map<string, string>();
        })
      : new Map<string, string>();

    const unknown = new Set([...extra, ...candidates.filter((c) => !c.known).map((c) => c.productId)]);
    const learnt = [...products.values()].filter((p) => unknown.has(p.id));
    if (learnt.length > 0) {
      later('catalog fill', () =>
        catalogProjection.fill(
          learnt.map((p) => ({
            productId: p.id,
            name: p.name,
            categoryId: p.categoryId,
            brand: p.brand,
            status: p.status,
          })),
        ),
      );
    }
    return picked.map((r) => view(products.get(r.productId)!, withName(r, products), categoryNames));
  }

  private async topRated(
    catalog: ProductCatalog,
    query: CandidateQuery,
    wanted: number,
    picked: Ranked[],
  ): Promise<ProductSummary[]> {
    const best = (await catalog.topRated(wanted * 2 + 10)).filter(
      (p) => isOnSale(p) && p.available && !picked.some((r) => r.productId === p.id),
    );
    const excluded = await this.deps.recommendations.excluded(
      query,
      best.map((p) => p.id),
    );
    return best.filter((p) => !excluded.has(p.id)).slice(0, wanted);
  }
}

const unnamedItem = (r: Ranked): string[] =>
  'name' in r.reason && !r.reason.name ? [r.reason.productId] : [];

/** The reason's item, named from the lookup when this service did not know its name. */
function withName(r: Ranked, products: Map<string, ProductSummary>): Ranked {
  if (!('name' in r.reason) || r.reason.name) return r;
  return { ...r, reason: { ...r.reason, name: products.get(r.reason.productId)?.name ?? null } };
}

function view(p: ProductSummary, r: Ranked, categoryNames: ReadonlyMap<string, string>): Recommendation {
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    currency: p.currency,
    image: p.image,
    rating: p.rating,
    inStock: p.available,
    reason: explain(r.reason, categoryNames),
  };
}
