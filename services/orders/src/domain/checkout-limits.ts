import { CartFull, QuantityTooLarge, TooManyUnpaidOrders, TooManyUnpaidUnits } from './errors.js';

/** What one order may be, judged on its lines as they will be stored (repeated products merged). */
export interface LineLimits {
  maxLines: number;
  maxQuantity: number;
}

/**
 * What one customer's unpaid orders (pending, awaiting payment) may hold at once, the order being
 * placed included: without it, one customer leaving 3-D Secure unanswered could hold a product's
 * whole stock until the payment timeout.
 */
export interface UnpaidLimits {
  orders: number;
  units: number;
}

/** One customer's unpaid orders as they stand, read under that customer's lock. */
export interface UnpaidHoldings {
  orderIds: string[];
  units: number;
}

type Item = { productId: string; quantity: number };

/**
 * The per-order caps, applied to the merged lines: naming one product twice must not make a line
 * of more units than one line may hold. The errors say which lines, in `extensions`; where in the
 * request they came from (the body's items or the cart) is for the route to say.
 */
export function assertWithinLineLimits(items: Item[], limits: LineLimits): void {
  if (items.length > limits.maxLines) {
    throw new CartFull({
      detail: `An order has at most ${limits.maxLines} different products; this one has ${items.length}.`,
      extensions: { limit: limits.maxLines, lines: items.length },
    });
  }
  const over = items.filter((item) => item.quantity > limits.maxQuantity);
  if (over.length > 0) {
    throw new QuantityTooLarge({
      detail:
        over.map((item) => `product ${item.productId} comes to ${item.quantity} units`).join('; ') +
        ` (lines naming the same product add up); at most ${limits.maxQuantity} per product.`,
      extensions: {
        limit: limits.maxQuantity,
        lines: over.map(({ productId, quantity }) => ({ productId, quantity })),
      },
    });
  }
}

/** Refuses an order that would take the customer's unpaid orders past either cap. */
export function admitUnpaidOrder(held: UnpaidHoldings, units: number, limits: UnpaidLimits): void {
  if (held.orderIds.length >= limits.orders) {
    throw new TooManyUnpaidOrders({
      detail:
        `You have ${held.orderIds.length} orders waiting for payment, the most one customer may have ` +
        `at once (${limits.orders}): pay for one or cancel it, then check out again.`,
      extensions: { limit: limits.orders, unpaidOrders: held.orderIds },
    });
  }
  if (held.units + units > limits.units) {
    throw new TooManyUnpaidUnits({
      detail:
        `Your unpaid orders hold ${held.units} units; with this order's ${units} that would be more ` +
        `than the ${limits.units} one customer's unpaid orders may hold: pay for or cancel one first, ` +
        'or order fewer units.',
      extensions: { limit: limits.units, held: held.units, requested: units },
    });
  }
}
