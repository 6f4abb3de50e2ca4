import { defineError, Forbidden } from '@shop/platform/domain';

export class IllegalTransition extends defineError(
  'illegal_transition',
  'conflict',
  'The order cannot make this change in its current status',
) {}
export class OrderNotFound extends defineError('order_not_found', 'not_found', 'The order was not found') {}
export class OrderNotCancellable extends defineError(
  'order_not_cancellable',
  'conflict',
  'The order can no longer be cancelled',
) {}
export class EmptyCart extends defineError(
  'empty_cart',
  'unprocessable',
  'There is nothing to order: the cart is empty',
) {}
export class ProductNotFound extends defineError(
  'product_not_found',
  'not_found',
  'The product was not found',
) {}
export class ProductUnavailable extends defineError(
  'product_unavailable',
  'unprocessable',
  'A product is not available for sale',
) {}
export class CurrencyMismatch extends defineError(
  'currency_mismatch',
  'unprocessable',
  'An order is paid in one currency; these products are priced in several',
) {}
export class CartFull extends defineError('cart_full', 'unprocessable', 'The cart has too many lines') {}
export class AddressNotFound extends defineError(
  'address_not_found',
  'unprocessable',
  'The shipping address was not found in your address book',
) {}
export class IdempotencyKeyReused extends defineError(
  'idempotency_key_reused',
  'unprocessable',
  'This Idempotency-Key was used with a different request',
) {}
export class IdempotencyKeyInProgress extends defineError(
  'idempotency_key_in_progress',
  'conflict',
  'A request with this Idempotency-Key is still being processed',
) {}
/** A concurrent writer changed the order first; the caller re-reads and decides again. */
export class StaleOrder extends defineError(
  'stale_order',
  'conflict',
  'The order changed while this request was handling it; try again',
) {}
export class DuplicateWebhookEvent extends defineError(
  'duplicate_webhook_event',
  'conflict',
  'This payment event was already handled',
) {}
export class AccountDeleted extends defineError('account_deleted', 'forbidden', 'This account was deleted') {}
export class QuantityTooLarge extends defineError(
  'quantity_too_large',
  'unprocessable',
  'A product is ordered in more units than one line may hold',
) {}
export class TooManyUnpaidOrders extends defineError(
  'too_many_unpaid_orders',
  'conflict',
  'You have as many orders waiting for payment as one customer may',
) {}
export class TooManyUnpaidUnits extends defineError(
  'too_many_unpaid_units',
  'conflict',
  'Your unpaid orders would hold more units than one customer may',
) {}
export class TooManyStreams extends defineError(
  'too_many_streams',
  'too_many_requests',
  'You have as many live-tracking streams open as one user may',
) {}
/** Only staff list other users' orders (the route says which query field asked for them). */
export class NotYourOrders extends Forbidden {}
