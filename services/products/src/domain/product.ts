import { Forbidden } from '@shop/platform/domain';

export type ProductStatus = 'draft' | 'active' | 'archived';

/**
 * The highest price a product may have, in minor units (10,000,000.00 in a two-decimal currency).
 * Prices are bigint in the database and numbers in JavaScript; below this an order of 100 lines of
 * 10,000 units each still totals an exact integer (under 2^53), and price filters beyond it would
 * only ask PostgreSQL for numbers it cannot hold.
 */
export const MAX_PRICE = 1_000_000_000;

export type AttributeValue = string | number | boolean;
export type Stars = 1 | 2 | 3 | 4 | 5;
export type Histogram = Record<`${Stars}`, number>;

export interface RatingSummary {
  average: number;
  count: number;
  histogram: Histogram;
}

/** A product as the catalog knows it, with its stock and rating summary. */
export interface Product {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  /** Integer minor units of `currency`. */
  price: number;
  currency: string;
  categoryId: string;
  brand: string;
  attributes: Record<string, AttributeValue>;
  images: string[];
  status: ProductStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  available: number;
  rating: RatingSummary;
  /** Versions of the stock and rating rows: they change without the product's version. */
  stockVersion: number;
  ratingVersion: number;
}

/** Who is asking: admins see every status, everyone else only what is on sale. */
export interface Viewer {
  userId: string | undefined;
  isAdmin: boolean;
}

export function canSee(viewer: Viewer, product: Pick<Product, 'status'>): boolean {
  return viewer.isAdmin || product.status === 'active';
}

/** The statuses a listing may show: active by default; others only for admins. */
export function listableStatuses(viewer: Viewer, requested: ProductStatus[] | undefined): ProductStatus[] {
  if (!requested || requested.length === 0) return ['active'];
  if (!viewer.isAdmin && requested.some((status) => status !== 'active')) {
    throw new Forbidden({
      detail: 'Only admins can list draft or archived products.',
      fields: [{ field: 'status', message: 'only active is allowed' }],
    });
  }
  return [...new Set(requested)];
}

/** `Sony WH-1000XM5 Headphones` → `sony-wh-1000xm5-headphones`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
}
