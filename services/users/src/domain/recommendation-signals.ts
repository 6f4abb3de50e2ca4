import { isUuid } from '@shop/platform';
import type { Stores } from './deps.js';

/**
 * What the recommendation model learns from other services' events. Every write here is a
 * set operation or a version-guarded upsert, so a repeated event, the same fact told by two
 * events, and any delivery order all end in the same rows.
 */

export interface PaidOrder {
  orderId: string;
  userId: string;
  paidAt: Date;
  lines: { productId: string; quantity: number }[];
}

export interface ReviewFact {
  reviewId: string;
  userId: string;
  productId: string;
  at: Date;
}

export interface ProductFacts {
  productId: string;
  name: string;
  categoryId: string;
  brand: string;
  status: string;
  version: number;
}

export interface SignalStore {
  /**
   * Adds the order's lines not recorded yet, and what each adds to popularity and to the
   * co-purchase pairs with the customer's other lines. False when every line was known.
   */
  recordPurchase(order: PaidOrder): Promise<boolean>;
  recordReview(review: ReviewFact & { rating: number }): Promise<void>;
  /** A tombstone: a creation that arrives later changes nothing. */
  recordReviewDeleted(review: ReviewFact): Promise<void>;
  /** The user's own signals go; the anonymous totals (pairs, popularity) stay. */
  forgetUser(userId: string): Promise<void>;
}

export interface CatalogProjection {
  /** Applies an event's snapshot unless a newer version is known. */
  apply(facts: ProductFacts): Promise<void>;
  markArchived(productId: string, version: number): Promise<void>;
  /** Products known only from the batch lookup (version 0): any event wins over them. */
  fill(products: Omit<ProductFacts, 'version'>[]): Promise<void>;
  nameOf(productId: string): Promise<string | undefined>;
}

/**
 * Signals only count for accounts that exist and are not deleted: a late event must not bring
 * data back. The key-share lock keeps a deletion from slipping in before this transaction commits.
 */
export async function isLiveCustomer(stores: Stores, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const user = await stores.users.lockForShare(userId);
  return user !== undefined && user.status !== 'deleted';
}

export async function recordPaidOrder(stores: Stores, order: PaidOrder): Promise<void> {
  if (!(await isLiveCustomer(stores, order.userId))) return;
  // One line per product (quantities merged); ids that cannot be products are ignored.
  const quantities = new Map<string, number>();
  for (const line of order.lines) {
    if (isUuid(line.productId))
      quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }
  if (quantities.size === 0) return;
  const lines = [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
  await stores.signals.recordPurchase({ ...order, lines });
}

export async function recordReview(stores: Stores, review: ReviewFact & { rating: number }): Promise<void> {
  if (!isUuid(review.productId) || !(await isLiveCustomer(stores, review.userId))) return;
  await stores.signals.recordReview(review);
}

export async function recordReviewDeleted(stores: Stores, review: ReviewFact): Promise<void> {
  if (!isUuid(review.productId) || !(await isLiveCustomer(stores, review.userId))) return;
  await stores.signals.recordReviewDeleted(review);
}

export async function recordProductFacts(stores: Stores, facts: ProductFacts): Promise<void> {
  if (isUuid(facts.productId)) await stores.catalogProjection.apply(facts);
}

/** No longer sold: it leaves every favorites list, and the model stops proposing it. */
export async function recordProductArchived(
  stores: Stores,
  product: { productId: string; version: number },
): Promise<void> {
  if (!isUuid(product.productId)) return;
  await stores.catalogProjection.markArchived(product.productId, product.version);
  await stores.favorites.removeProduct(product.productId);
}
