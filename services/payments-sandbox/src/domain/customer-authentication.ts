import { NO_REQUEST, type PaymentIntent } from './objects.js';
import { chargeCard } from './payment-attempts.js';
import { resolvePaymentMethod } from './payment-methods.js';
import {
  NoActionPending,
  PaymentIntentNotFound,
  snapshot,
  type PaymentsContext,
} from './payments-context.js';
import { docUrl } from './stripe-error.js';

/** The customer finished (or failed) 3-D Secure; driven by the sandbox's control API. */
export function completeAction(ctx: PaymentsContext, id: string, outcome: 'succeed' | 'fail'): PaymentIntent {
  const intent = ctx.account.paymentIntents.get(id);
  if (!intent) throw new PaymentIntentNotFound(`No PaymentIntent ${id} in this sandbox.`);
  if (intent.status !== 'requires_action' || !intent.payment_method) {
    throw new NoActionPending(`PaymentIntent ${id} has status ${intent.status}, not requires_action.`);
  }
  const paymentMethod = resolvePaymentMethod(ctx.account, intent.payment_method);
  intent.next_action = null;
  if (outcome === 'succeed') {
    return chargeCard(ctx, intent, paymentMethod, { kind: 'approve' }, NO_REQUEST, true);
  }
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    doc_url: docUrl('payment_intent_authentication_failure'),
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method: paymentMethod.method,
  };
  ctx.events.emit('payment_intent.payment_failed', intent, NO_REQUEST);
  return snapshot(intent);
}

/** The customer's side of 3-D Secure: authorised by the intent's client secret, as on Stripe's hosted page. */
export function intentAwaitingCustomer(
  ctx: PaymentsContext,
  id: string,
  clientSecret: string,
): PaymentIntent {
  const intent = ctx.account.paymentIntents.get(id);
  if (!intent || intent.client_secret !== clientSecret) {
    throw new PaymentIntentNotFound('No PaymentIntent with this id and client secret.');
  }
  return snapshot(intent);
}

/** Completes the customer's authentication and tells where to send them back, with Stripe's query parameters. */
export function customerAuthenticates(
  ctx: PaymentsContext,
  id: string,
  clientSecret: string,
  outcome: 'succeed' | 'fail',
): { intent: PaymentIntent; returnTo: string | null } {
  const returnUrl = intentAwaitingCustomer(ctx, id, clientSecret).next_action?.redirect_to_url?.return_url;
  const intent = completeAction(ctx, id, outcome);
  if (!returnUrl) return { intent, returnTo: null };
  const returnTo = new URL(returnUrl);
  returnTo.searchParams.set('payment_intent', intent.id);
  returnTo.searchParams.set('payment_intent_client_secret', intent.client_secret);
  const status =
    intent.status === 'processing'
      ? 'processing'
      : intent.status === 'succeeded' || intent.status === 'requires_capture'
        ? 'succeeded'
        : 'failed';
  returnTo.searchParams.set('redirect_status', status);
  return { intent, returnTo: returnTo.toString() };
}
