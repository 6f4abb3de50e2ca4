import type { Static } from 'typebox';
import type { Product } from '../domain/product.js';
import type { Product as ProductSchema } from './product.schemas.js';

/** The public shape of a product: stock as `available`/`inStock`, internal versions left out. */
export function productBody(product: Product): Static<typeof ProductSchema> {
  return {
    id: product.id,
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    description: product.description,
    price: product.price,
    currency: product.currency,
    categoryId: product.categoryId,
    brand: product.brand,
    attributes: product.attributes,
    images: product.images,
    status: product.status,
    available: product.available,
    inStock: product.available > 0,
    rating: product.rating,
    version: product.version,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}
