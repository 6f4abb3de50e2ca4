import { withTransaction, type Pool, type PoolClient } from '@shop/platform';
import { LRUCache } from 'lru-cache';
import type { Product } from '../domain/product.js';

export interface ProductCacheOptions {
  /** How many products are kept (0: none, every read goes to the database). */
  maxProducts: number;
  /** A safety net: an entry is read again from the database after this long whatever happens. */
  ttlMs: number;
}

/** Product ids a write transaction changed; they are forgotten once it is over. */
export type Touched = Set<string>;

/**
 * The products this replica served lately, so that showing a product needs no database read.
 * Kept exact by forgetting, never by expiry: a write of this replica forgets the products it
 * touched as soon as it has committed, and the product_changed notices (migration 008) make
 * every replica forget what anyone changed, a few milliseconds after the commit.
 *
 * A read that was on its way to the database while something was forgotten may bring back the
 * old version, so it is not kept: every forget moves `generation` on, and a read is stored only
 * if the generation it started in is still current. While the notices cannot be heard (the
 * listener is reconnecting), nothing is served from memory and nothing is stored.
 */
export class ProductCache {
  private readonly byId: LRUCache<string, Product> | undefined;
  /** Slug → id; an entry is only believed if the product it leads to still has that slug. */
  private readonly idBySlug: LRUCache<string, string> | undefined;
  private generation = 0;
  private live = false;

  constructor(options: ProductCacheOptions) {
    if (options.maxProducts > 0) {
      this.byId = new LRUCache({ max: options.maxProducts, ttl: options.ttlMs });
      this.idBySlug = new LRUCache({ max: options.maxProducts });
    }
  }

  find(idOrSlug: string, byId: boolean): Product | undefined {
    if (!this.live || !this.byId) return undefined;
    if (byId) return this.byId.get(idOrSlug);
    const id = this.idBySlug!.get(idOrSlug);
    const product = id === undefined ? undefined : this.byId.get(id);
    return product?.slug === idOrSlug ? product : undefined;
  }

  /** Taken before reading from the database; `store` keeps the result only if nothing was forgotten since. */
  ticket(): number {
    return this.generation;
  }

  store(ticket: number, product: Product): void {
    if (!this.live || !this.byId || ticket !== this.generation) return;
    this.byId.set(product.id, deepFreeze(product));
    this.idBySlug!.set(product.slug, product.id);
  }

  forget(ids: Iterable<string>): void {
    this.generation++;
    for (const id of ids) this.byId?.delete(id);
  }

  forgetAll(): void {
    this.generation++;
    this.byId?.clear();
    this.idBySlug?.clear();
  }

  /** Runs a write transaction with a set to note the products it touches, and forgets them once it is over. */
  async forgettingTouched<T>(write: (touched: Touched) => Promise<T>): Promise<T> {
    const touched: Touched = new Set();
    try {
      return await write(touched);
    } finally {
      this.forget(touched);
    }
  }

  /**
   * A store's `transaction`: the work runs in one transaction on writes made by `writes`, which
   * note the products they touch; those are forgotten once it is over.
   */
  transaction<W>(pool: Pool, writes: (client: PoolClient, touched: Touched) => W) {
    return <T>(work: (tx: W) => Promise<T>): Promise<T> =>
      this.forgettingTouched((touched) => withTransaction(pool, (client) => work(writes(client, touched))));
  }

  /** Whether every change is being heard: only then is memory trusted. */
  setLive(live: boolean): void {
    this.forgetAll();
    this.live = live;
  }

  get size(): number {
    return this.byId?.size ?? 0;
  }
}

/** Cached products are shared by every request that reads them: nobody may change one. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
