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

export interface RelatedProductsDeps {
  related: RelatedStore;
}

/** "Customers also bought": the same answer for everyone, from this service's own read model. */
export class RelatedProducts {
  constructor(private readonly deps: RelatedProductsDeps) {}

  async list(productId: string, viewer: Viewer, limit: number): Promise<Product[]> {
    const { related } = this.deps;
    const status = await related.productStatus(productId);
    if (!status || !canSee(viewer, { status })) throw new ProductNotFound(`No product ${productId}.`);
    return related.related(productId, Math.min(limit, RELATED_LIMIT_MAX));
  }
}
