import type { AttributeValue, Product, ProductStatus, Stars } from '../domain/product.js';

/** Everything a product representation needs, in one indexed join. */
export const PRODUCT_COLUMNS = `
  p.id, p.sku, p.slug, p.name, p.description, p.price, p.currency, p.category_id, p.brand,
  p.attributes, p.images, p.status, p.version, p.created_at, p.updated_at,
  i.available, i.version AS stock_version,
  r.average, r.review_count, r.stars_1, r.stars_2, r.stars_3, r.stars_4, r.stars_5, r.version AS rating_version`;

export const PRODUCT_FROM = `
  products p
  JOIN inventory i ON i.product_id = p.id
  JOIN rating_summaries r ON r.product_id = p.id`;

export interface ProductRow {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  category_id: string;
  brand: string;
  attributes: Record<string, AttributeValue>;
  images: string[];
  status: ProductStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
  available: number;
  stock_version: number;
  average: number;
  review_count: number;
  stars_1: number;
  stars_2: number;
  stars_3: number;
  stars_4: number;
  stars_5: number;
  rating_version: number;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: row.currency,
    categoryId: row.category_id,
    brand: row.brand,
    attributes: row.attributes,
    images: row.images,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    available: row.available,
    stockVersion: row.stock_version,
    rating: {
      average: row.average,
      count: row.review_count,
      histogram: { 1: row.stars_1, 2: row.stars_2, 3: row.stars_3, 4: row.stars_4, 5: row.stars_5 },
    },
    ratingVersion: row.rating_version,
  };
}

/** The one column each star rating counts in; a whitelist, so SQL is never built from input. */
export const STAR_COLUMNS: Record<Stars, string> = {
  1: 'stars_1',
  2: 'stars_2',
  3: 'stars_3',
  4: 'stars_4',
  5: 'stars_5',
};
