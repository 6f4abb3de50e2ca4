import { Type } from 'typebox';
import { PaymentMethodSchema, strict } from './stripe-common.schemas.js';
import { PaymentIntentSchema } from './stripe-objects.schemas.js';

/** Stripe's error response: `{error: {type, message, code?, …}}`. */
export const StripeErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        type: Type.String(),
        message: Type.String(),
        code: Type.Optional(Type.String()),
        decline_code: Type.Optional(Type.String()),
        param: Type.Optional(Type.String()),
        doc_url: Type.Optional(Type.String()),
        charge: Type.Optional(Type.String()),
        payment_intent: Type.Optional(PaymentIntentSchema),
        payment_method: Type.Optional(PaymentMethodSchema),
      },
      strict,
    ),
  },
  strict,
);

const ApiErrorSchema = Type.Object(
  { error: Type.Object({ type: Type.Literal('api_error'), message: Type.String() }, strict) },
  strict,
);

/** Every Stripe route answers these on failure (400, 401, 402, 404, 409; 500). */
export const stripeErrorResponses = {
  '4xx': StripeErrorSchema,
  '5xx': ApiErrorSchema,
};
