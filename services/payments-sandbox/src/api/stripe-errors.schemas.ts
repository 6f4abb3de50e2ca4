import { Type } from 'typebox';
import { strict } from '../domain/stripe-fields.js';
import { StripeErrorBodySchema } from '../domain/stripe-error.js';

/** Stripe's error response: `{error: {type, message, code?, …}}`. */
export const StripeErrorSchema = Type.Object({ error: StripeErrorBodySchema }, strict);

const ApiErrorSchema = Type.Object(
  { error: Type.Object({ type: Type.Literal('api_error'), message: Type.String() }, strict) },
  strict,
);

/** Every Stripe route answers these on failure (400, 401, 402, 404, 409; 500), in Stripe's format. */
export const stripeErrorResponses = {
  '4xx': StripeErrorSchema,
  '5xx': ApiErrorSchema,
};
