import type { Deps } from './deps.js';
import { LimitReached, ProductNotFound, UserNotFound } from './errors.js';
import { pageOf, type Page } from './page.js';
import { isOnSale, type ProductSummary } from './products.js';

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

/** Idempotent: adding a favorite twice leaves one. A new one must be a product on sale. */
export async function addFavorite(deps: Deps, userId: string, productId: string): Promise<void> {
  if (await deps.db.favorites.has(userId, productId)) return;
  const product = deps.catalog ? (await deps.catalog.find([productId])).get(productId) : undefined;
  if (deps.catalog && !isOnSale(product)) throw new ProductNotFound();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.users.lock(userId))) throw new UserNotFound();
    if ((await tx.favorites.count(userId)) >= deps.settings.maxFavorites) {
      throw new LimitReached(`An account keeps at most ${deps.settings.maxFavorites} favorites.`);
    }
    await tx.favorites.add(userId, productId);
    // What the lookup told places the favorite in the user's taste (category, brand).
    if (product) await tx.catalogProjection.fill([{ ...product, productId: product.id }]);
  });
}

/** Idempotent: removing a favorite that is not there is fine. */
export async function removeFavorite(deps: Deps, userId: string, productId: string): Promise<void> {
  await deps.db.favorites.remove(userId, productId);
}

/**
 * Newest first, each with its product when the catalog is known. The list degrades
 * rather than fails when the products service is down: favorites come without products.
 */
export async function listFavorites(
  deps: Deps,
  userId: string,
  query: { after: FavoriteKey | undefined; limit: number },
): Promise<Page<FavoriteView, FavoriteKey>> {
  const rows = await deps.db.favorites.list(userId, query.after, query.limit + 1);
  const page = pageOf(rows, query.limit, (f) => ({
    addedAt: f.addedAt.toISOString(),
    productId: f.productId,
  }));
  if (!deps.catalog || page.items.length === 0) return page;
  try {
    const products = await deps.catalog.find(page.items.map((f) => f.productId));
    return {
      ...page,
      items: page.items.map((f) => ({ ...f, product: products.get(f.productId) ?? null })),
    };
  } catch (error) {
    deps.log.warn({ err: error }, 'favorites listed without products: the catalog is unavailable');
    return page;
  }
}
