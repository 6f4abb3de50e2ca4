import { Type } from 'typebox';
import { MAX_ON_HAND, type StockAdjustment } from '../domain/stock.js';
import { Uuid } from './common.schemas.js';

export const Inventory = Type.Object({
  productId: Uuid,
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const fields = {
  onHand: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_ON_HAND,
      description: `The new count, at most ${MAX_ON_HAND}`,
    }),
  ),
  delta: Type.Optional(
    Type.Integer({
      minimum: -MAX_ON_HAND,
      maximum: MAX_ON_HAND,
      description: `Units in (+) or out (-); on hand stays at most ${MAX_ON_HAND}`,
    }),
  ),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'Kept in the audit trail' })),
};

/**
 * Exactly one of onHand and delta; neither or both is a 400 naming `body.onHand`. Checked only
 * once every field is a known one, so that an unknown field is still the one named.
 */
export const InventoryUpdate = Type.Unsafe<StockAdjustment>(
  Type.Object(fields, {
    additionalProperties: false,
    description: 'Exactly one of onHand and delta',
    if: { propertyNames: { enum: Object.keys(fields) } },
    then: {
      if: { required: ['delta'] },
      then: { properties: { onHand: { not: {}, description: 'Not with delta' } } },
      else: { required: ['onHand'] },
    },
  }),
);
