import { ProductNotFound } from './errors.js';
import { canSee, type Product, type ProductStatus, type Viewer } from './product.js';

export const RELATED_LIMIT_MAX = 20;

export interface RelatedStore {
  productStatus(productId: string): Promise<ProductStatus | undefined>;
  /**
   * Up to `limit` active products other than this one: first those most often bought in the
   * same orders, then the best-rated of its category, then the best-rated of its brand.
   */
  related(productId: string, limit: number): Promise<Product[]>;
}

/** "Customers also bought": the same answer for everyone, from this service's own read model. */
export function relatedProducts(store: RelatedStore) {
  return {
    async list(productId: string, viewer: Viewer, limit: number): Promise<Product[]> {
      const status = await store.productStatus(productId);
      if (!status || !canSee(viewer, { status })) throw new ProductNotFound(`No product ${productId}.`);
      return store.related(productId, Math.min(limit, RELATED_LIMIT_MAX));
    },
  };
}

export type RelatedProducts = ReturnType<typeof relatedProducts>;
