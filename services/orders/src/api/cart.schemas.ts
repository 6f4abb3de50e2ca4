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
      unitPrice: Nullable(MinorUnits),
      quantity: Type.Integer(),
      lineTotal: Nullable(MinorUnits),
      status: Type.Union([
        Type.Literal('available'),
        Type.Literal('insufficient_stock'),
        Type.Literal('unavailable'),
      ]),
      availableQuantity: Nullable(Type.Integer()),
    }),
  ),
  itemCount: Type.Integer(),
  subtotal: MinorUnits,
  currency: Nullable(Currency),
});

export const ReorderResult = Type.Object({
  cart: Cart,
  added: Type.Array(Type.Object({ productId: Type.String(), quantity: Type.Integer() })),
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
