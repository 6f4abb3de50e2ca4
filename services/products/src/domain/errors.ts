import { ProductsProblemCode as Code } from '@shop/contracts/internal';
import { defineError } from '@shop/platform/domain';

/**
 * The named failures of the product service; the platform turns each into a problem+json. The
 * reservations' codes are part of the internal API contract (`@shop/contracts/internal`).
 */

export class ProductNotFound extends defineError('product_not_found', 'not_found', 'No such product') {}
export class SkuTaken extends defineError('sku_taken', 'conflict', 'Another product has this SKU') {}
export class ProductSlugTaken extends defineError(
  'product_slug_taken',
  'conflict',
  'Another product has this slug',
) {}
export class UnknownCategory extends defineError(
  'unknown_category',
  'unprocessable',
  'The category does not exist',
) {}
export class IfMatchRequired extends defineError(
  'if_match_required',
  'precondition_required',
  'Send the ETag you last read in If-Match',
) {}
export class ProductChanged extends defineError(
  'product_changed',
  'precondition_failed',
  'The product has changed since you read it',
) {}

export class CategoryNotFound extends defineError('category_not_found', 'not_found', 'No such category') {}
export class CategorySlugTaken extends defineError(
  'category_slug_taken',
  'conflict',
  'Another category has this slug',
) {}
export class CategoryCycle extends defineError(
  'category_cycle',
  'conflict',
  'A category cannot be moved under itself or its descendants',
) {}
export class CategoryInUse extends defineError(
  'category_in_use',
  'conflict',
  'The category still has products or subcategories',
) {}

export class StockBelowReserved extends defineError(
  'stock_below_reserved',
  'conflict',
  'On-hand stock cannot go below what is reserved',
) {}
export class StockAboveMaximum extends defineError(
  'stock_above_maximum',
  'conflict',
  'On-hand stock cannot go above the maximum',
) {}
export class InsufficientStock extends defineError(
  Code.insufficientStock,
  'conflict',
  'Not enough stock for every line',
) {}
export class ProductUnavailable extends defineError(
  Code.productUnavailable,
  'unprocessable',
  'Some products do not exist or are not for sale',
) {}
export class ReservationNotFound extends defineError(
  Code.reservationNotFound,
  'not_found',
  'No reservation for this order',
) {}
export class ReservationNotHeld extends defineError(
  Code.reservationNotHeld,
  'conflict',
  'The reservation is no longer held',
) {}
export class ReservationCommitted extends defineError(
  Code.reservationCommitted,
  'conflict',
  'The reservation is committed; restock it instead',
) {}
export class ReservationNotCommitted extends defineError(
  Code.reservationNotCommitted,
  'conflict',
  'Only committed stock can be restocked',
) {}
export class ReservationMismatch extends defineError(
  Code.reservationMismatch,
  'conflict',
  'This order id was already used with different lines',
) {}

export class ReviewNotFound extends defineError('review_not_found', 'not_found', 'No such review') {}
export class ReviewExists extends defineError(
  'review_exists',
  'conflict',
  'You have already reviewed this product; edit that review instead',
) {}
export class NotYourReview extends defineError(
  'not_your_review',
  'forbidden',
  'Only the author can change this review',
) {}
export class OwnReviewVote extends defineError(
  'own_review_vote',
  'forbidden',
  'You cannot mark your own review as helpful',
) {}
export class AccountDeleted extends defineError(
  'account_deleted',
  'forbidden',
  'This account has been deleted',
) {}

export class CostlySearchesInFlight extends defineError(
  'costly_searches_in_flight',
  'too_many_requests',
  'Too many of your costly searches are running at once',
) {}
export class CostlySearchRateLimited extends defineError(
  'costly_search_rate_limited',
  'too_many_requests',
  'Too many costly searches from your address this minute',
) {}
export class SearchBusy extends defineError(
  'search_busy',
  'unavailable',
  'Searches are busy; try again shortly',
) {}
export class SearchTimedOut extends defineError(
  'search_timed_out',
  'unavailable',
  'The search took too long and was stopped',
) {}
