import { ServiceUnavailable } from '@shop/platform';
import Stripe from 'stripe';
import type { PaymentStatus } from '../domain/order.js';
import type { PaymentEvent } from '../domain/payment-events.js';
import type { PaymentGateway, PaymentState } from '../domain/ports.js';

export interface StripeSettings {
  secretKey: string;
  /** The payment sandbox in dev and tests; unset means api.stripe.com. */
  apiUrl: string | undefined;
  webhookSecret: string;
  timeoutMs: number;
  returnUrl: string;
}

/**
 * The payment gateway through the official Stripe SDK, so the same code runs against the sandbox
 * and Stripe's real test mode. Every write carries an idempotency key derived from the order, and
 * the SDK's own network retries reuse it: a PaymentIntent or refund is never made twice.
 */
export class StripePayments implements PaymentGateway {
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    const url = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: settings.timeoutMs,
      telemetry: false,
      ...(url
        ? {
            host: url.hostname,
            port: url.port || (url.protocol === 'https:' ? 443 : 80),
            protocol: url.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    });
  }

  async charge(request: {
    orderId: string;
    amount: number;
    currency: string;
    paymentMethod: string;
    idempotencyKey: string;
  }): Promise<PaymentState> {
    return this.call(async () => {
      try {
        const intent = await this.stripe.paymentIntents.create(
          {
            amount: request.amount,
            currency: request.currency.toLowerCase(),
            payment_method: request.paymentMethod,
            payment_method_types: ['card'],
            confirm: true,
            return_url: this.settings.returnUrl,
            metadata: { order_id: request.orderId },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return stateOf(intent);
      } catch (error) {
        // A decline is an answer, not a failure: the error carries the intent as it now stands.
        if (error instanceof Stripe.errors.StripeCardError && error.payment_intent) {
          return stateOf(error.payment_intent, error.message);
        }
        // An unusable payment method (unknown, not a card…): the payment fails, nothing was charged.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && !error.payment_intent) {
          return { intentId: null, status: 'failed', nextAction: null, failure: error.message };
        }
        throw error;
      }
    });
  }

  retrieve(intentId: string): Promise<PaymentState> {
    return this.call(async () => stateOf(await this.stripe.paymentIntents.retrieve(intentId)));
  }

  cancel(intentId: string): Promise<PaymentState> {
    return this.call(async () => {
      try {
        return stateOf(await this.stripe.paymentIntents.cancel(intentId));
      } catch (error) {
        // Already succeeded or canceled: nothing to cancel, say how it stands.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return stateOf(await this.stripe.paymentIntents.retrieve(intentId));
        }
        throw error;
      }
    });
  }

  refund(request: { intentId: string; amount: number; idempotencyKey: string }) {
    return this.call(async () => {
      try {
        const refund = await this.stripe.refunds.create(
          { payment_intent: request.intentId, amount: request.amount },
          { idempotencyKey: request.idempotencyKey },
        );
        return { refundId: refund.id };
      } catch (error) {
        // Refunded already, by a key that has since expired (Stripe keeps keys 24 hours): done.
        if (
          error instanceof Stripe.errors.StripeInvalidRequestError &&
          error.code === 'charge_already_refunded'
        ) {
          return { refundId: null };
        }
        throw error;
      }
    });
  }

  /** Verifies the Stripe-Signature of a webhook (throws when it does not match) and reads it. */
  parseWebhook(rawBody: Buffer, signature: string): PaymentEvent {
    const event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret);
    const object = event.data.object as { object?: string; id?: string; metadata?: Record<string, string> };
    const intentId =
      object.object === 'payment_intent'
        ? (object.id ?? null)
        : typeof (object as { payment_intent?: unknown }).payment_intent === 'string'
          ? ((object as { payment_intent: string }).payment_intent ?? null)
          : null;
    return { id: event.id, type: event.type, intentId, orderId: object.metadata?.order_id ?? null };
  }

  /** Transport failures, Stripe 5xx and rate limits are passing: the saga retries the step later. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeConnectionError ||
        error instanceof Stripe.errors.StripeAPIError ||
        error instanceof Stripe.errors.StripeRateLimitError ||
        error instanceof Stripe.errors.StripeIdempotencyError
      ) {
        throw new ServiceUnavailable({
          detail: `The payment gateway failed: ${error.message}`,
          cause: error,
        });
      }
      throw error;
    }
  }
}

function stateOf(intent: Stripe.PaymentIntent, declineMessage?: string): PaymentState {
  const error = intent.last_payment_error;
  const redirect = intent.next_action?.redirect_to_url;
  return {
    intentId: intent.id,
    status: statusOf(intent),
    nextAction: intent.next_action
      ? {
          type: intent.next_action.type,
          redirectUrl: redirect?.url ?? null,
          clientSecret: intent.client_secret,
        }
      : null,
    failure: error ? (error.message ?? declineMessage ?? 'The payment was declined.') : null,
  };
}

function statusOf(intent: Stripe.PaymentIntent): PaymentStatus {
  switch (intent.status) {
    case 'succeeded':
      return 'succeeded';
    case 'requires_action':
      return 'requires_action';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'canceled';
    case 'requires_payment_method':
      return intent.last_payment_error ? 'failed' : 'pending';
    default:
      return 'pending';
  }
}
