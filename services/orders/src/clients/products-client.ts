import { ServiceUnavailable, type ServiceClient } from '@shop/platform';
import type {
  Catalog,
  CatalogProduct,
  Inventory,
  ProductStatus,
  ReservationOutcome,
  UnavailableLine,
} from '../domain/ports.js';

interface ProductItem {
  id: string;
  name: string;
  price: number;
  currency: string;
  status: ProductStatus;
  available?: number;
  image?: string | null;
}

interface Problem {
  code?: string;
  unavailable?: UnavailableLine[];
}

/** products' internal API (see CONTRIBUTING.md): the batch lookup and stock reservations. */
export class ProductsClient implements Catalog, Inventory {
  constructor(private readonly client: ServiceClient) {}

  async lookup(ids: string[]): Promise<Map<string, CatalogProduct>> {
    const found = new Map<string, CatalogProduct>();
    for (let start = 0; start < ids.length; start += 100) {
      const batch = ids.slice(start, start + 100);
      const response = await this.client.get<{ items: ProductItem[] }>('/internal/products', {
        ids: batch.join(','),
      });
      if (response.status !== 200) throw unexpected('GET /internal/products', response.status);
      for (const item of response.body.items) {
        found.set(item.id, {
          id: item.id,
          name: item.name,
          price: item.price,
          currency: item.currency,
          status: item.status,
          available: typeof item.available === 'number' ? item.available : null,
          image: item.image ?? null,
        });
      }
    }
    return found;
  }

  async reserve(
    orderId: string,
    lines: { productId: string; quantity: number }[],
    ttlSeconds: number,
  ): Promise<ReservationOutcome> {
    const response = await this.client.call<Problem>({
      method: 'POST',
      path: '/internal/reservations',
      body: { orderId, lines, ttlSeconds },
      idempotent: true, // keyed by the order id
    });
    if (response.status === 200 || response.status === 201) return { kind: 'held' };
    if (response.status === 409 && response.body.code === 'insufficient_stock') {
      return { kind: 'insufficient_stock', unavailable: response.body.unavailable ?? [] };
    }
    if (response.status === 422 || response.status === 409) {
      // product_unavailable, or a reservation released before it was made (a tombstone).
      return { kind: 'product_unavailable', unavailable: response.body.unavailable ?? [] };
    }
    throw unexpected('POST /internal/reservations', response.status);
  }

  async commit(orderId: string): Promise<'committed' | 'not_held'> {
    const response = await this.post<Problem>(`/internal/reservations/${orderId}/commit`);
    if (response.status === 200 || response.status === 201) return 'committed';
    if (response.status === 409 || response.status === 404) return 'not_held';
    throw unexpected('commit', response.status);
  }

  async release(orderId: string): Promise<'released' | 'committed'> {
    const response = await this.post<Problem>(`/internal/reservations/${orderId}/release`);
    if (response.status === 200 || response.status === 201) return 'released';
    if (response.status === 409 && response.body.code === 'reservation_committed') return 'committed';
    throw unexpected('release', response.status);
  }

  async restock(orderId: string): Promise<void> {
    const response = await this.post(`/internal/reservations/${orderId}/restock`);
    if (response.status !== 200 && response.status !== 201) throw unexpected('restock', response.status);
  }

  private post<T = unknown>(path: string) {
    return this.client.call<T>({ method: 'POST', path, idempotent: true });
  }
}

function unexpected(call: string, status: number): ServiceUnavailable {
  return new ServiceUnavailable(`products answered ${status} to ${call}.`);
}
