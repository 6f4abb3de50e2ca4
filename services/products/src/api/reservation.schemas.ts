import { Currency, MinorUnits } from '@shop/contracts';
import { Type } from 'typebox';
import { Uuid } from './common.schemas.js';
import { ProductStatus } from './product.schemas.js';

export const OrderId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}$' });
export const OrderIdParams = Type.Object({ orderId: OrderId }, { additionalProperties: false });

const Line = Type.Object(
  { productId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);

export const ReserveRequest = Type.Object(
  {
    orderId: OrderId,
    lines: Type.Array(Line, { minItems: 1, maxItems: 100 }),
    ttlSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
  },
  { additionalProperties: false },
);

const Status = Type.Enum(['held', 'committed', 'released', 'expired', 'rejected', 'restocked']);

export const ReservationResponse = Type.Object({
  orderId: Type.String(),
  status: Status,
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lines: Type.Array(Type.Object({ productId: Uuid, quantity: Type.Integer() })),
});

export const ReservationStatusResponse = Type.Object({ orderId: Type.String(), status: Status });

const UUIDS = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const MAX_LOOKUP_IDS = 100;

export const LookupParams = Type.Object(
  {
    ids: Type.String({
      pattern: `^${UUIDS}(,${UUIDS}){0,${MAX_LOOKUP_IDS - 1}}$`,
      description: `Comma-separated product ids, at most ${MAX_LOOKUP_IDS}`,
    }),
  },
  { additionalProperties: false },
);

export const LookupResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      sku: Type.String(),
      slug: Type.String(),
      name: Type.String(),
      price: MinorUnits,
      currency: Currency,
      status: ProductStatus,
      categoryId: Uuid,
      brand: Type.String(),
      image: Type.Union([Type.String(), Type.Null()]),
      available: Type.Integer(),
      inStock: Type.Boolean(),
      rating: Type.Object({ average: Type.Number(), count: Type.Integer() }),
    }),
  ),
});
