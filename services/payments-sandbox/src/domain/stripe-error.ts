import { Type, type Static } from 'typebox';
import { strict } from './stripe-fields.js';
import { PaymentIntentSchema, PaymentMethodSchema, type PaymentIntent } from './stripe-objects.js';

export const StripeErrorTypeSchema = Type.Union([
  Type.Literal('api_error'),
  Type.Literal('card_error'),
  Type.Literal('idempotency_error'),
  Type.Literal('invalid_request_error'),
]);
export type StripeErrorType = Static<typeof StripeErrorTypeSchema>;

/** The `error` member of a Stripe error response. */
export const StripeErrorBodySchema = Type.Object(
  {
    type: StripeErrorTypeSchema,
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
);
export type StripeErrorBody = Static<typeof StripeErrorBodySchema>;

/**
 * A refusal in Stripe's own words. The API layer turns it into Stripe's error
 * response (`{error: {...}}`) with the status Stripe uses for its type and code.
 */
export class StripeError extends Error {
  readonly body: StripeErrorBody;

  constructor(
    body: Omit<StripeErrorBody, 'doc_url'>,
    /** The object the request is about does not exist (Stripe answers 404, not 400). */
    readonly targetMissing = false,
  ) {
    super(body.message);
    this.name = 'StripeError';
    this.body = body.code ? { ...body, doc_url: docUrl(body.code) } : body;
  }
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

export function invalidRequest(message: string, extra: { param?: string; code?: string } = {}): StripeError {
  return new StripeError({ type: 'invalid_request_error', message, ...extra });
}

/**
 * `resource` as Stripe names it in the message: `payment_intent`, `PaymentMethod`, `charge`…
 * `target`: the object the request addresses (its id is in the URL), rather than one a parameter names.
 */
export function resourceMissing(
  resource: string,
  id: string,
  param: string,
  role: 'target' | 'reference' = 'target',
): StripeError {
  return new StripeError(
    {
      type: 'invalid_request_error',
      message: `No such ${resource}: '${id}'`,
      code: 'resource_missing',
      param,
    },
    role === 'target',
  );
}

export function unexpectedState(message: string, paymentIntent: PaymentIntent): StripeError {
  return new StripeError({
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message,
    payment_intent: paymentIntent,
  });
}
