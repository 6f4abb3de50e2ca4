import { Type } from 'typebox';
import { Uuid } from './common.schemas.js';

export const Inventory = Type.Object({
  productId: Uuid,
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  available: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const InventoryUpdate = Type.Object(
  {
    onHand: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'The new count' })),
    delta: Type.Optional(
      Type.Integer({
        minimum: -1_000_000_000,
        maximum: 1_000_000_000,
        description: 'Units in (+) or out (-)',
      }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500, description: 'Kept in the audit trail' })),
  },
  { additionalProperties: false, description: 'Exactly one of onHand and delta' },
);
