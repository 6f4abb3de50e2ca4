import { defineError } from '@shop/platform/domain';
import type { PaymentAttempts } from './payment-attempts.js';
import type { PaymentMethods } from './payment-methods.js';
import { NO_REQUEST, type AccountEvents, type Lookup } from './ports.js';
import { snapshot } from './snapshot.js';
import type { PaymentIntent } from './stripe-objects.js';
import { docUrl } from './stripe-error.js';

// Errors of the sandbox's control API and 3-D Secure page (problem+json), not of the Stripe API.
export class PaymentIntentNotFound extends defineError(
  'payment_intent_not_found',
  'not_found',
  'No such PaymentIntent',
) {}
export class NoActionPending extends defineError(
  'no_action_pending',
  'conflict',
  'The PaymentIntent is not waiting for the customer',
) {}

export type AuthenticationOutcome = 'succeed' | 'fail';

export interface CustomerAuthenticationDeps {
  intents: Lookup<PaymentIntent>;
  paymentMethods: PaymentMethods;
  attempts: PaymentAttempts;
  events: AccountEvents;
}

/** The customer's side of 3-D Secure: the bank's challenge passed or failed. */
export class CustomerAuthentication {
  constructor(private readonly deps: CustomerAuthenticationDeps) {}

  /** The customer finished (or failed) 3-D Secure; driven by the sandbox's control API. */
  completeAction(id: string, outcome: AuthenticationOutcome): PaymentIntent {
    const { intents, paymentMethods, attempts, events } = this.deps;
    const intent = intents.get(id);
    if (!intent) throw new PaymentIntentNotFound(`No PaymentIntent ${id} in this sandbox.`);
    if (intent.status !== 'requires_action' || !intent.payment_method) {
      throw new NoActionPending(`PaymentIntent ${id} has status ${intent.status}, not requires_action.`);
    }
    const paymentMethod = paymentMethods.resolve(intent.payment_method);
    intent.next_action = null;
    if (outcome === 'succeed') {
      return attempts.chargeCard(intent, paymentMethod, { kind: 'approve' }, NO_REQUEST, true);
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
    events.emit('payment_intent.payment_failed', intent, NO_REQUEST);
    return snapshot(intent);
  }

  /** The intent on the customer's page: authorised by its client secret, as on Stripe's hosted page. */
  intentAwaitingCustomer(id: string, clientSecret: string): PaymentIntent {
    const intent = this.deps.intents.get(id);
    if (!intent || intent.client_secret !== clientSecret) {
      throw new PaymentIntentNotFound('No PaymentIntent with this id and client secret.');
    }
    return snapshot(intent);
  }

  /** Completes the customer's authentication and tells where to send them back, with Stripe's query parameters. */
  customerAuthenticates(
    id: string,
    clientSecret: string,
    outcome: AuthenticationOutcome,
  ): { intent: PaymentIntent; returnTo: string | null } {
    const returnUrl = this.intentAwaitingCustomer(id, clientSecret).next_action?.redirect_to_url?.return_url;
    const intent = this.completeAction(id, outcome);
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
}
