import type {
  Catalog,
  CatalogProduct,
  Inventory,
  ProductStatus,
  ReservationOutcome,
  UnavailableLine,
} from '../../../src/domain/ports.js';
import { CallLog } from './calls.js';
import type { FakeClock } from './clock.js';

interface Product extends CatalogProduct {
  onHand: number;
}

interface Reservation {
  lines: { productId: string; quantity: number }[];
  status: 'held' | 'committed' | 'released' | 'restocked';
  expiresAt: Date;
}

type Method = 'lookup' | 'reserve' | 'commit' | 'release' | 'restock';

/**
 * products as orders sees it: the batch lookup and the stock reservations, with products' rules.
 * Every reservation call is idempotent by order id; a hold runs out after its TTL (the units are
 * available again and a commit is refused); a reservation given back before it was made leaves a
 * tombstone that refuses it.
 */
export class FakeProducts implements Catalog, Inventory {
  readonly log = new CallLog<Method>();
  private readonly products = new Map<string, Product>();
  private readonly reservations = new Map<string, Reservation>();
  private next = 1;
  /** Runs when a reserve arrives, before products answers it: a test's way to change the catalog meanwhile. */
  beforeReserve: (() => void) | undefined;

  constructor(private readonly clock: FakeClock) {}

  add(
    options: {
      price?: number;
      currency?: string;
      stock?: number;
      status?: ProductStatus;
      name?: string;
    } = {},
  ) {
    const id = `00000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`;
    this.products.set(id, {
      id,
      name: options.name ?? `Product ${id.slice(-3)}`,
      price: options.price ?? 1000,
      currency: options.currency ?? 'EUR',
      status: options.status ?? 'active',
      available: null,
      image: null,
      onHand: options.stock ?? 100,
    });
    return id;
  }

  setStatus(productId: string, status: ProductStatus): void {
    this.products.get(productId)!.status = status;
  }

  /** Units on hand and held by live reservations. */
  stock(productId: string): { onHand: number; reserved: number } {
    return { onHand: this.products.get(productId)!.onHand, reserved: this.reservedOf(productId) };
  }

  /** The order's hold runs out now (its TTL passed, or products' sweeper took it). */
  expire(orderId: string): void {
    this.reservations.get(orderId)!.expiresAt = this.clock.now();
  }

  reservationOf(orderId: string): Reservation['status'] | 'expired' | undefined {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status === 'held' && this.expired(reservation)) return 'expired';
    return reservation?.status;
  }

  async lookup(ids: string[]): Promise<Map<string, CatalogProduct>> {
    this.log.record('lookup', ids);
    const found = new Map<string, CatalogProduct>();
    for (const id of ids) {
      const product = this.products.get(id);
      if (!product) continue;
      const { onHand, ...shown } = product;
      found.set(id, { ...shown, available: onHand - this.reservedOf(id) });
    }
    return found;
  }

  async reserve(
    orderId: string,
    lines: { productId: string; quantity: number }[],
    ttlSeconds: number,
  ): Promise<ReservationOutcome> {
    this.log.record('reserve', orderId, lines, ttlSeconds);
    this.beforeReserve?.();
    const existing = this.reservations.get(orderId);
    if (existing) {
      const live = existing.status === 'committed' || (existing.status === 'held' && !this.expired(existing));
      this.log.answered('reserve');
      return live ? { kind: 'held' } : { kind: 'product_unavailable', unavailable: [] };
    }
    const unsellable: UnavailableLine[] = [];
    const short: UnavailableLine[] = [];
    for (const line of lines) {
      const product = this.products.get(line.productId);
      if (!product || product.status !== 'active') {
        unsellable.push({ productId: line.productId, requested: line.quantity, available: 0 });
        continue;
      }
      const available = product.onHand - this.reservedOf(line.productId);
      if (available < line.quantity)
        short.push({ productId: line.productId, requested: line.quantity, available });
    }
    if (unsellable.length > 0) return { kind: 'product_unavailable', unavailable: unsellable };
    if (short.length > 0) return { kind: 'insufficient_stock', unavailable: short };
    this.reservations.set(orderId, {
      lines: structuredClone(lines),
      status: 'held',
      expiresAt: new Date(this.clock.now().getTime() + ttlSeconds * 1000),
    });
    this.log.answered('reserve');
    return { kind: 'held' };
  }

  async commit(orderId: string): Promise<'committed' | 'not_held'> {
    this.log.record('commit', orderId);
    const reservation = this.reservations.get(orderId);
    if (reservation?.status === 'held' && !this.expired(reservation)) {
      reservation.status = 'committed';
      for (const line of reservation.lines) this.products.get(line.productId)!.onHand -= line.quantity;
    }
    this.log.answered('commit');
    return reservation?.status === 'committed' ? 'committed' : 'not_held';
  }

  async release(orderId: string): Promise<'released' | 'committed'> {
    this.log.record('release', orderId);
    const reservation = this.reservations.get(orderId);
    if (!reservation) {
      // A tombstone: a reserve that arrives later is refused.
      this.reservations.set(orderId, { lines: [], status: 'released', expiresAt: this.clock.now() });
      return 'released';
    }
    if (reservation.status === 'committed' || reservation.status === 'restocked') return 'committed';
    reservation.status = 'released';
    this.log.answered('release');
    return 'released';
  }

  async restock(orderId: string): Promise<void> {
    this.log.record('restock', orderId);
    const reservation = this.reservations.get(orderId);
    if (reservation?.status === 'committed') {
      reservation.status = 'restocked';
      for (const line of reservation.lines) this.products.get(line.productId)!.onHand += line.quantity;
    } else if (reservation?.status !== 'restocked') {
      throw new Error(`products refused the restock of ${orderId}: nothing was committed`);
    }
    this.log.answered('restock');
  }

  private expired(reservation: Reservation): boolean {
    return reservation.expiresAt <= this.clock.now();
  }

  private reservedOf(productId: string): number {
    let held = 0;
    for (const reservation of this.reservations.values()) {
      if (reservation.status !== 'held' || this.expired(reservation)) continue;
      for (const line of reservation.lines) if (line.productId === productId) held += line.quantity;
    }
    return held;
  }
}
