import { randomUUID } from 'node:crypto';
import { ReviewCreated, ReviewDeleted, type PayloadOf } from '@shop/contracts';
import type { NewEvent } from '@shop/platform/domain';
import {
  AccountDeleted,
  NotYourReview,
  OwnReviewVote,
  ProductNotFound,
  ReviewExists,
  ReviewNotFound,
} from './errors.js';
import type { ProductStatus, Stars, Viewer } from './product.js';

export interface Review {
  id: string;
  productId: string;
  userId: string;
  authorName: string;
  rating: Stars;
  title: string;
  body: string;
  verifiedPurchase: boolean;
  helpfulCount: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A review as answered to anyone: the author's display name, never their user id (an id would
 * let anyone link one person's reviews, and follow them elsewhere). `mine` tells a signed-in
 * reader which review is theirs (to offer edit and delete).
 */
export type PublicReview = Omit<Review, 'userId'> & { mine: boolean };

export function publicReview(review: Review, readerId: string | undefined): PublicReview {
  const { userId, ...shown } = review;
  return { ...shown, mine: readerId !== undefined && userId === readerId };
}

export type ReviewSort = 'newest' | 'highest' | 'lowest' | 'helpful';

export interface ReviewInput {
  rating: Stars;
  title: string;
  body: string;
}

export interface Author {
  userId: string;
  /** From the access token; reviews by people without a display name read "Customer". */
  name: string | undefined;
}

export interface ReviewPage<T = Review> {
  items: T[];
  nextCursor: string | null;
}

export interface ReviewStore {
  productStatus(productId: string): Promise<ProductStatus | undefined>;
  page(productId: string, sort: ReviewSort, limit: number, cursor: string | undefined): Promise<ReviewPage>;
  transaction<T>(work: (tx: ReviewWrites) => Promise<T>): Promise<T>;
}

export interface ReviewWrites {
  /**
   * Whether this user's account was deleted. Holds off the user's purchase events and erasure
   * until this transaction ends, so the review is judged against settled purchases and an
   * erasure cannot miss it.
   */
  accountDeleted(userId: string): Promise<boolean>;
  productStatus(productId: string): Promise<ProductStatus | undefined>;
  reviewIdOf(productId: string, userId: string): Promise<string | undefined>;
  /** Inserts the review, verified when its author has bought the product. */
  insert(
    review: Omit<Review, 'verifiedPurchase' | 'helpfulCount' | 'createdAt' | 'updatedAt'>,
  ): Promise<Review>;
  lock(reviewId: string): Promise<Review | undefined>;
  update(reviewId: string, changes: Partial<ReviewInput>): Promise<Review>;
  delete(reviewId: string): Promise<void>;
  /** Moves one review in or out of the product's rating histogram. */
  rate(productId: string, change: { add?: Stars; remove?: Stars }): Promise<void>;
  /** Records the vote; false when this user had already voted. */
  vote(reviewId: string, userId: string): Promise<boolean>;
  /** Adds one to the review's helpful count and returns the new count. */
  countHelpful(reviewId: string): Promise<number>;
  publish(events: NewEvent[]): Promise<void>;
}

export interface ReviewBoardDeps {
  reviews: ReviewStore;
}

/** Reviews of products: read by anyone, one per buyer and product, voted helpful once per user. */
export class ReviewBoard {
  constructor(private readonly deps: ReviewBoardDeps) {}

  async list(
    productId: string,
    viewer: Viewer,
    sort: ReviewSort,
    limit: number,
    cursor?: string,
  ): Promise<ReviewPage<PublicReview>> {
    const status = await this.deps.reviews.productStatus(productId);
    if (!status || (status !== 'active' && !viewer.isAdmin))
      throw new ProductNotFound(`No product ${productId}.`);
    const page = await this.deps.reviews.page(productId, sort, limit, cursor);
    return { ...page, items: page.items.map((review) => publicReview(review, viewer.userId)) };
  }

  /** One review per user and product: a second one is a 409 naming the first (edit it instead). */
  async write(productId: string, author: Author, input: ReviewInput): Promise<PublicReview> {
    const review = await this.deps.reviews.transaction(async (tx) => {
      if (await tx.accountDeleted(author.userId)) throw new AccountDeleted();
      if ((await tx.productStatus(productId)) !== 'active')
        throw new ProductNotFound(`No product ${productId}.`);
      const existing = await tx.reviewIdOf(productId, author.userId);
      if (existing) throw new ReviewExists({ extensions: { reviewId: existing } });
      const review = await tx.insert({
        id: randomUUID(),
        productId,
        userId: author.userId,
        authorName: author.name?.trim() || 'Customer',
        ...input,
      });
      await tx.rate(productId, { add: review.rating });
      const payload: PayloadOf<typeof ReviewCreated> = {
        reviewId: review.id,
        productId,
        userId: review.userId,
        rating: review.rating,
      };
      await tx.publish([{ type: ReviewCreated.type, aggregateId: productId, payload }]);
      return review;
    });
    return publicReview(review, author.userId);
  }

  async edit(reviewId: string, viewer: Viewer, changes: Partial<ReviewInput>): Promise<PublicReview> {
    const edited = await this.deps.reviews.transaction(async (tx) => {
      const review = await tx.lock(reviewId);
      if (!review) throw new ReviewNotFound(`No review ${reviewId}.`);
      if (review.userId !== viewer.userId) throw new NotYourReview();
      const updated = await tx.update(reviewId, changes);
      if (updated.rating !== review.rating) {
        await tx.rate(review.productId, { add: updated.rating, remove: review.rating });
      }
      return updated;
    });
    return publicReview(edited, viewer.userId);
  }

  /** The author, or an admin (moderation), may delete a review. */
  async delete(reviewId: string, viewer: Viewer): Promise<void> {
    await this.deps.reviews.transaction(async (tx) => {
      const review = await tx.lock(reviewId);
      if (!review) throw new ReviewNotFound(`No review ${reviewId}.`);
      if (review.userId !== viewer.userId && !viewer.isAdmin) {
        throw new NotYourReview('Only the author or an admin can delete this review.');
      }
      await tx.delete(reviewId);
      await tx.rate(review.productId, { remove: review.rating });
      const payload: PayloadOf<typeof ReviewDeleted> = {
        reviewId,
        productId: review.productId,
        userId: review.userId,
      };
      await tx.publish([{ type: ReviewDeleted.type, aggregateId: review.productId, payload }]);
    });
  }

  /** Once per user: a second vote changes nothing and answers the same count. */
  async markHelpful(reviewId: string, userId: string): Promise<{ reviewId: string; helpfulCount: number }> {
    return this.deps.reviews.transaction(async (tx) => {
      if (await tx.accountDeleted(userId)) throw new AccountDeleted();
      const review = await tx.lock(reviewId);
      if (!review) throw new ReviewNotFound(`No review ${reviewId}.`);
      if (review.userId === userId) throw new OwnReviewVote();
      const counted = await tx.vote(reviewId, userId);
      return { reviewId, helpfulCount: counted ? await tx.countHelpful(reviewId) : review.helpfulCount };
    });
  }
}
