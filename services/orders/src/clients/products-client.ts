import { ServiceUnavailable, type ServiceClient } from '@shop/platform';
import {
  PRODUCT_LOOKUP_MAX_IDS,
  ProductsProblemCode,
  type ProductLookupQuery,
  type ProductLookupResponse,
  type ProductUnavailableProblem,
  type ReservationRefusedProblem,
  type ReservationResponse,
  type ReservationStatusResponse,
  type ReserveConflictProblem,
  type ReserveRequest,
} from '@shop/contracts/internal';
import type { Catalog, CatalogProduct, Inventory, ReservationOutcome } from '../domain/ports.js';

/**
 * products' internal API (its schemas are in @shop/contracts/internal): the batch lookup and stock
 * reservations, mapped onto the ports the domain declares.
 */
export class ProductsClient implements Catalog, Inventory {
  constructor(private readonly client: ServiceClient) {}

  async lookup(ids: string[]): Promise<Map<string, CatalogProduct>> {
    const found = new Map<string, CatalogProduct>();
    for (let start = 0; start < ids.length; start += PRODUCT_LOOKUP_MAX_IDS) {
      const query: ProductLookupQuery = { ids: ids.slice(start, start + PRODUCT_LOOKUP_MAX_IDS).join(',') };
      const response = await this.client.get<ProductLookupResponse>('/internal/products', query);
      if (response.status !== 200) throw unexpected('GET /internal/products', response.status);
      for (const item of response.body.items) {
        found.set(item.id, {
          id: item.id,
          name: item.name,
          price: item.price,
          currency: item.currency,
          status: item.status,
          // An older products replica (a rolling deploy) may leave these out: unknown is null.
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
    const body: ReserveRequest = { orderId, lines, ttlSeconds };
    const response = await this.client.call<
      ReservationResponse | ReserveConflictProblem | ProductUnavailableProblem
    >({
      method: 'POST',
      path: '/internal/reservations',
      body,
      idempotent: true, // keyed by the order id
    });
    if (response.status === 200 || response.status === 201) return { kind: 'held' };
    if (response.status === 409) {
      const problem = response.body as ReserveConflictProblem;
      if (problem.code === ProductsProblemCode.insufficientStock) {
        return { kind: 'insufficient_stock', unavailable: problem.unavailable ?? [] };
      }
      // A reservation released before it was made (a tombstone), or made with other lines.
      return { kind: 'product_unavailable', unavailable: problem.unavailable ?? [] };
    }
    if (response.status === 422) {
      const problem = response.body as Partial<ProductUnavailableProblem>;
      return { kind: 'product_unavailable', unavailable: problem.unavailable ?? [] };
    }
    throw unexpected('POST /internal/reservations', response.status);
  }

  async commit(orderId: string): Promise<'committed' | 'not_held'> {
    const response = await this.post(`/internal/reservations/${orderId}/commit`);
    if (response.status === 200 || response.status === 201) return 'committed';
    if (response.status === 409 || response.status === 404) return 'not_held';
    throw unexpected('commit', response.status);
  }

  async release(orderId: string): Promise<'released' | 'committed'> {
    const response = await this.post(`/internal/reservations/${orderId}/release`);
    if (response.status === 200 || response.status === 201) return 'released';
    if (
      response.status === 409 &&
      (response.body as ReservationRefusedProblem).code === ProductsProblemCode.reservationCommitted
    ) {
      return 'committed';
    }
    throw unexpected('release', response.status);
  }

  async restock(orderId: string): Promise<void> {
    const response = await this.post(`/internal/reservations/${orderId}/restock`);
    if (response.status !== 200 && response.status !== 201) throw unexpected('restock', response.status);
  }

  /** A commit, release or restock: idempotent by the order id. */
  private post(path: string) {
    return this.client.call<ReservationStatusResponse | ReservationRefusedProblem>({
      method: 'POST',
      path,
      idempotent: true,
    });
  }
}

function unexpected(call: string, status: number): ServiceUnavailable {
  return new ServiceUnavailable(`products answered ${status} to ${call}.`);
}
