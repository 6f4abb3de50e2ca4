import { ServiceClient, ServiceUnavailable, type TokenSource } from '@shop/platform';
import type { ProductCatalog, ProductSummary } from '../domain/favorites.js';

interface InternalProduct {
  id: string;
  sku: string;
  slug: string;
  name: string;
  price: number;
  currency: string;
  status: string;
  image: string | null;
  available: boolean;
}

/**
 * The products service's `GET /internal/products?ids=` (at most 100 ids a call), through
 * the platform's ServiceClient: timeout, retries (it is a GET), circuit breaker.
 */
export function createProductsCatalog(options: {
  baseUrl: string;
  timeoutMs: number;
  token: TokenSource;
}): ProductCatalog & { close(): Promise<void> } {
  const client = new ServiceClient({
    service: 'products',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    token: options.token,
  });
  return {
    async find(ids) {
      const found = new Map<string, ProductSummary>();
      for (let i = 0; i < ids.length; i += 100) {
        const response = await client.get<{ items?: InternalProduct[] }>('/internal/products', {
          ids: ids.slice(i, i + 100).join(','),
        });
        if (response.status !== 200 || !Array.isArray(response.body.items)) {
          throw new ServiceUnavailable(
            `The products service answered ${response.status} to a product lookup.`,
          );
        }
        for (const p of response.body.items) {
          found.set(p.id, {
            id: p.id,
            sku: p.sku,
            slug: p.slug,
            name: p.name,
            price: p.price,
            currency: p.currency,
            status: p.status,
            image: p.image ?? null,
            available: p.available,
          });
        }
      }
      return found;
    },
    close: () => client.close(),
  };
}
