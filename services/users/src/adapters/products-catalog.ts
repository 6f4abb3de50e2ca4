import { ServiceClient, ServiceUnavailable, type InstanceLog, type TokenSource } from '@shop/platform';
import type { ProductLookupItem, ProductLookupResponse } from '@shop/contracts/internal';
import type { ProductCatalog, ProductSummary } from '../domain/products.js';

/**
 * What a summary is made of: an item of products' batch lookup (`GET /internal/products?ids=`, its
 * contract in @shop/contracts/internal), or of its public search. `inStock` is what "available" means here.
 */
type Listed = Pick<
  ProductLookupItem,
  | 'id'
  | 'sku'
  | 'slug'
  | 'name'
  | 'price'
  | 'currency'
  | 'status'
  | 'categoryId'
  | 'brand'
  | 'image'
  | 'inStock'
> & { rating?: ProductLookupItem['rating'] };

/** An item of products' public search (`GET /api/v1/products`). */
interface SearchItem extends Omit<Listed, 'image'> {
  images: string[];
}

interface CategoryNode {
  id: string;
  name: string;
  children?: CategoryNode[];
}

const LOOKUP_MAX = 100;
const CATEGORY_NAMES_TTL_MS = 5 * 60_000;
const TOP_RATED_TTL_MS = 60_000;
const TOP_RATED_MAX = 100;

/**
 * The products service through the platform's ServiceClient (timeout, retries for GETs,
 * circuit breaker): the internal batch lookup, at most 100 ids a call (with a service
 * token); the public category tree for the names recommendations mention and the public
 * best-rated search for a shop's cold start (anonymously, as a shopper sees them), both
 * cached a little while.
 */
export function createProductsCatalog(options: {
  baseUrl: string;
  timeoutMs: number;
  token: TokenSource;
  log?: InstanceLog;
}): ProductCatalog & { close(): Promise<void> } {
  const client = new ServiceClient({
    service: 'products',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    token: options.token,
    ...(options.log ? { log: options.log } : {}),
  });
  // Public routes read an optional *user* token; a service token is not one, so none is sent.
  const publicClient = new ServiceClient({
    service: 'products',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
  });
  let categories: { names: Map<string, string>; until: number } | undefined;
  let best: { items: ProductSummary[]; until: number } | undefined;

  return {
    async find(ids) {
      const found = new Map<string, ProductSummary>();
      for (let i = 0; i < ids.length; i += LOOKUP_MAX) {
        const response = await client.get<Partial<ProductLookupResponse>>('/internal/products', {
          ids: ids.slice(i, i + LOOKUP_MAX).join(','),
        });
        if (response.status !== 200 || !Array.isArray(response.body.items)) {
          throw new ServiceUnavailable(
            `The products service answered ${response.status} to a product lookup.`,
          );
        }
        for (const p of response.body.items) found.set(p.id, summary(p));
      }
      return found;
    },

    async categoryNames() {
      if (categories && categories.until > Date.now()) return categories.names;
      const response = await publicClient.get<{ items?: CategoryNode[] }>('/api/v1/categories');
      if (response.status !== 200 || !Array.isArray(response.body.items)) {
        throw new ServiceUnavailable(
          `The products service answered ${response.status} to the category list.`,
        );
      }
      const names = new Map<string, string>();
      const walk = (nodes: CategoryNode[]) => {
        for (const node of nodes) {
          names.set(node.id, node.name);
          walk(node.children ?? []);
        }
      };
      walk(response.body.items);
      categories = { names, until: Date.now() + CATEGORY_NAMES_TTL_MS };
      return names;
    },

    async topRated(limit) {
      if (!best || best.until <= Date.now()) {
        const response = await publicClient.get<{ items?: SearchItem[] }>('/api/v1/products', {
          sort: 'rating',
          inStock: true,
          limit: TOP_RATED_MAX,
        });
        if (response.status !== 200 || !Array.isArray(response.body.items)) {
          throw new ServiceUnavailable(`The products service answered ${response.status} to a search.`);
        }
        const items = response.body.items.map((p) => summary({ ...p, image: p.images[0] ?? null }));
        best = { items, until: Date.now() + TOP_RATED_TTL_MS };
      }
      return best.items.slice(0, limit);
    },

    close: async () => {
      await Promise.all([client.close(), publicClient.close()]);
    },
  };
}

function summary(p: Listed): ProductSummary {
  return {
    id: p.id,
    sku: p.sku,
    slug: p.slug,
    name: p.name,
    price: p.price,
    currency: p.currency,
    status: p.status,
    categoryId: p.categoryId,
    brand: p.brand,
    image: p.image ?? null,
    available: p.inStock,
    rating: { average: p.rating?.average ?? 0, count: p.rating?.count ?? 0 },
  };
}
