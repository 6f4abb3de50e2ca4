import { DeadLetterView } from '@shop/platform';
import { Type } from 'typebox';

export const ServiceName = Type.Union([
  Type.Literal('users'),
  Type.Literal('products'),
  Type.Literal('orders'),
]);

export const GatheredDeadLetters = Type.Object(
  {
    items: Type.Array(
      Type.Object({ service: ServiceName, ...DeadLetterView.properties }, { additionalProperties: false }),
    ),
    /** Services that could not be asked (down, too slow, or without the admin routes). */
    unavailable: Type.Array(ServiceName),
  },
  { additionalProperties: false },
);

/** What each service answers on its own GET /api/v1/admin/dead-letters. */
export const ServiceDeadLetters = Type.Object({ items: Type.Array(DeadLetterView) });

export const ReplayParams = Type.Object(
  {
    service: ServiceName,
    subscription: Type.String({ minLength: 1, maxLength: 200 }),
    id: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const Replayed = Type.Object({ replayed: Type.Literal(true) }, { additionalProperties: false });

export const AuthorizationHeaders = Type.Object({ authorization: Type.Optional(Type.String()) });
