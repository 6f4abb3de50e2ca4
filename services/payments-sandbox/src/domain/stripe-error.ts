import type { PaymentIntent, PaymentMethod } from './objects.js';

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** The `error` member of a Stripe error response. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: PaymentIntent;
  payment_method?: PaymentMethod;
}

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
