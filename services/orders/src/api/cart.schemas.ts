import { Currency, MinorUnits } from '@shop/contracts';
import { Type } from 'typebox';
import { MAX_QUANTITY } from '../domain/cart.js';
import { Nullable } from './orders.schemas.js';

export const CartItemParams = Type.Object(
  { productId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const SetQuantityBody = Type.Object(
  {
    quantity: Type.Integer({
      minimum: 0,
      maximum: MAX_QUANTITY,
      description: `0 removes the line; at most ${MAX_QUANTITY}`,
    }),
  },
  { additionalProperties: false },
);

export const Cart = Type.Object({
  items: Type.Array(
    Type.Object({
      productId: Type.String({ format: 'uuid' }),
      name: Nullable(Type.String()),
      image: Nullable(Type.String()),
      unitPrice: Nullable(MinorUnits, {
        description: "Today's price; null when the product cannot be bought",
      }),
      quantity: Type.Integer(),
      lineTotal: Nullable(MinorUnits),
      status: Type.Union(
        [
          Type.Literal('available'),
          Type.Literal('insufficient_stock'),
          Type.Literal('unavailable'),
          Type.Literal('unknown'),
        ],
        { description: '`unknown` while products cannot be reached (the cart is `stale`)' },
      ),
      unavailableReason: Nullable(
        Type.Union([
          Type.Literal('product_deleted'),
          Type.Literal('not_for_sale'),
          Type.Literal('unknown_product'),
        ]),
        { description: 'Why an `unavailable` line cannot be ordered: remove it to check out' },
      ),
      availableQuantity: Nullable(Type.Integer()),
      addedUnitPrice: Nullable(MinorUnits, { description: 'The unit price when the line was added' }),
      priceChanged: Type.Boolean({ description: 'The price is no longer the one seen when adding the line' }),
    }),
  ),
  itemCount: Type.Integer(),
  subtotal: MinorUnits,
  currency: Nullable(Currency),
  stale: Type.Boolean({
    description: 'Products could not be reached: prices are the last known ones and stock is unknown',
  }),
});

export const ReorderResult = Type.Object({
  cart: Cart,
  added: Type.Array(Type.Object({ productId: Type.String(), quantity: Type.Integer() }), {
    description: 'Units put in the cart, per product',
  }),
  limited: Type.Array(
    Type.Object({
      productId: Type.String(),
      name: Type.String(),
      ordered: Type.Integer(),
      added: Type.Integer(),
      limit: Type.Integer(),
    }),
    {
      description: `Products of which fewer units went in than were ordered: a line holds at most ${MAX_QUANTITY}`,
    },
  ),
  unavailable: Type.Array(
    Type.Object({
      productId: Type.String(),
      name: Type.String(),
      reason: Type.Union([Type.Literal('not_sold'), Type.Literal('out_of_stock')]),
    }),
  ),
  priceChanges: Type.Array(
    Type.Object({
      productId: Type.String(),
      name: Type.String(),
      oldUnitPrice: MinorUnits,
      newUnitPrice: MinorUnits,
    }),
  ),
});
