import type { ProductLookupItem } from '@shop/contracts/internal';
import type { Static } from 'typebox';
import type { Product } from '../domain/product.js';
import type { Product as ProductSchema } from './product.schemas.js';

/** The public shape of a product: stock as `available`/`inStock`, internal versions left out. */
export function productView(product: Product): Static<typeof ProductSchema> {
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

/** A product as the batch lookup answers it to other services: the first image, no histogram. */
export function lookupItemView(product: Product): ProductLookupItem {
  return {
    id: product.id,
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    price: product.price,
    currency: product.currency,
    status: product.status,
    categoryId: product.categoryId,
    brand: product.brand,
    image: product.images[0] ?? null,
    available: product.available,
    inStock: product.available > 0,
    rating: { average: product.rating.average, count: product.rating.count },
  };
}
