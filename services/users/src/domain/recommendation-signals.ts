import { isUuid } from '@shop/platform/domain';
import type { FavoriteStore } from './favorites.js';
import type { CatalogProjection, ProductFacts } from './products.js';
import { isLiveCustomer, type UserStore } from './user.js';

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

/** The stores an event's transaction holds for the model's signals. */
export interface SignalStores {
  users: UserStore;
  signals: SignalStore;
}

/**
 * The model's learning, in the consumers' transactions (each method takes the stores bound to
 * the event's transaction, where its inbox row is written).
 */
export class RecommendationSignals {
  async recordPaidOrder(tx: SignalStores, order: PaidOrder): Promise<void> {
    if (!(await isLiveCustomer(tx.users, order.userId))) return;
    // One line per product (quantities merged); ids that cannot be products are ignored.
    const quantities = new Map<string, number>();
    for (const line of order.lines) {
      if (isUuid(line.productId))
        quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
    }
    if (quantities.size === 0) return;
    const lines = [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
    await tx.signals.recordPurchase({ ...order, lines });
  }

  async recordReview(tx: SignalStores, review: ReviewFact & { rating: number }): Promise<void> {
    if (!isUuid(review.productId) || !(await isLiveCustomer(tx.users, review.userId))) return;
    await tx.signals.recordReview(review);
  }

  async recordReviewDeleted(tx: SignalStores, review: ReviewFact): Promise<void> {
    if (!isUuid(review.productId) || !(await isLiveCustomer(tx.users, review.userId))) return;
    await tx.signals.recordReviewDeleted(review);
  }

  async recordProductFacts(tx: { catalogProjection: CatalogProjection }, facts: ProductFacts): Promise<void> {
    if (isUuid(facts.productId)) await tx.catalogProjection.apply(facts);
  }

  /** No longer sold: it leaves every favorites list, and the model stops proposing it. */
  async recordProductArchived(
    tx: { catalogProjection: CatalogProjection; favorites: FavoriteStore },
    product: { productId: string; version: number },
  ): Promise<void> {
    if (!isUuid(product.productId)) return;
    await tx.catalogProjection.markArchived(product.productId, product.version);
    await tx.favorites.removeProduct(product.productId);
  }
}
