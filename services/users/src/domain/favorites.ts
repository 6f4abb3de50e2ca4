import { LimitReached, ProductNotFound, UserNotFound } from './errors.js';
import { pageOf, type Page } from './page.js';
import type { DomainLog, UnitOfWork } from './ports.js';
import { isOnSale, type CatalogProjection, type ProductCatalog, type ProductSummary } from './products.js';

import type { UserStore } from './user.js';

export interface Favorite {
  productId: string;
  addedAt: Date;
}

export interface FavoriteKey {
  addedAt: string;
  productId: string;
}

export interface FavoriteStore {
  /** False when it was already there. */
  add(userId: string, productId: string): Promise<boolean>;
  has(userId: string, productId: string): Promise<boolean>;
  remove(userId: string, productId: string): Promise<void>;
  list(userId: string, after: FavoriteKey | undefined, limit: number): Promise<Favorite[]>;
  count(userId: string): Promise<number>;
  deleteAllOf(userId: string): Promise<void>;
  /** The product is no longer sold: it leaves everyone's favorites. */
  removeProduct(productId: string): Promise<number>;
}

export interface FavoriteView extends Favorite {
  /** null: the product is no longer sold; absent: the catalog could not be asked. */
  product?: ProductSummary | null;
}

export interface FavoritesDeps {
  favorites: FavoriteStore;
  db: UnitOfWork<{ users: UserStore; favorites: FavoriteStore; catalogProjection: CatalogProjection }>;
  /** Absent until the products service is configured (PRODUCTS_URL). */
  catalog: ProductCatalog | undefined;
  log: DomainLog;
  maxFavorites: number;
}

export class Favorites {
  constructor(private readonly deps: FavoritesDeps) {}

  /** Idempotent: adding a favorite twice leaves one. A new one must be a product on sale. */
  async add(userId: string, productId: string): Promise<void> {
    const { favorites, db, catalog, maxFavorites } = this.deps;
    if (await favorites.has(userId, productId)) return;
    const product = catalog ? (await catalog.find([productId])).get(productId) : undefined;
    if (catalog && !isOnSale(product)) throw new ProductNotFound();
    await db.transaction(async (tx) => {
      if (!(await tx.users.lock(userId))) throw new UserNotFound();
      if ((await tx.favorites.count(userId)) >= maxFavorites) {
        throw new LimitReached(`An account keeps at most ${maxFavorites} favorites.`);
      }
      await tx.favorites.add(userId, productId);
      // What the lookup told places the favorite in the user's taste (category, brand).
      if (product) await tx.catalogProjection.fill([{ ...product, productId: product.id }]);
    });
  }

  /** Idempotent: removing a favorite that is not there is fine. */
  async remove(userId: string, productId: string): Promise<void> {
    await this.deps.favorites.remove(userId, productId);
  }

  /**
   * Newest first, each with its product when the catalog is known. The list degrades
   * rather than fails when the products service is down: favorites come without products.
   */
  async list(
    userId: string,
    query: { after: FavoriteKey | undefined; limit: number },
  ): Promise<Page<FavoriteView, FavoriteKey>> {
    const { favorites, catalog, log } = this.deps;
    const rows = await favorites.list(userId, query.after, query.limit + 1);
    const page = pageOf(rows, query.limit, (f) => ({
      addedAt: f.addedAt.toISOString(),
      productId: f.productId,
    }));
    if (!catalog || page.items.length === 0) return page;
    try {
      const products = await catalog.find(page.items.map((f) => f.productId));
      return {
        ...page,
        items: page.items.map((f) => ({ ...f, product: products.get(f.productId) ?? null })),
      };
    } catch (error) {
      log.warn({ err: error }, 'favorites listed without products: the catalog is unavailable');
      return page;
    }
  }
}
