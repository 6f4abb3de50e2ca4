import type { StoredPaymentMethod } from './account.js';
import { approve, decline, pendingCharge, type Decline } from './charges.js';
import { randomToken } from './ids.js';
import { assertStatus, findIntent } from './payment-intent-rules.js';
import type { PaymentMethods } from './payment-methods.js';
import {
  NO_REQUEST,
  type AccountEvents,
  type Lookup,
  type ObjectStore,
  type RequestInfo,
  type SettlementSchedule,
} from './ports.js';
import { snapshot } from './snapshot.js';
import type { Charge, NextAction, PaymentIntent } from './stripe-objects.js';
import { StripeError, docUrl, invalidRequest, unexpectedState } from './stripe-error.js';

export interface ConfirmParams {
  payment_method?: string | undefined;
  return_url?: string | undefined;
  off_session?: boolean | 'one_off' | 'recurring' | undefined;
  receipt_email?: string | undefined;
  capture_method?: PaymentIntent['capture_method'] | undefined;
}

export interface AttemptOptions {
  returnUrl: string | undefined;
  offSession: boolean;
  /** Base URL of this sandbox, for the page a `redirect_to_url` next action points at. */
  publicUrl: string;
}

/** How the card's issuer answers: approve, or decline with these words. */
export type Settlement = { kind: 'approve' } | Decline;

const AUTHENTICATION_REQUIRED: Decline = {
  kind: 'decline',
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
  sellerMessage: 'The bank returned the decline code `authentication_required`.',
};

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const;

export function isOffSession(value: ConfirmParams['off_session']): boolean {
  return value !== undefined && value !== false;
}

/**
 * The checks Stripe makes before it tries a payment method, so a refused
 * confirmation changes nothing. `intent` is what the intent will be (it may not exist yet).
 */
export function assertCanAttempt(
  intent: Pick<PaymentIntent, 'automatic_payment_methods'>,
  paymentMethod: StoredPaymentMethod | undefined,
  options: Pick<AttemptOptions, 'returnUrl' | 'offSession'>,
): StoredPaymentMethod {
  if (!paymentMethod) {
    throw new StripeError({
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      param: 'payment_method',
      message:
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    });
  }
  if (options.returnUrl !== undefined && !URL.canParse(options.returnUrl)) {
    throw invalidRequest('Not a valid URL', { param: 'return_url' });
  }
  const redirects = intent.automatic_payment_methods?.enabled
    ? intent.automatic_payment_methods.allow_redirects !== 'never'
    : false;
  if (redirects && !options.offSession && !options.returnUrl) {
    throw invalidRequest(
      'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
      { param: 'return_url' },
    );
  }
  return paymentMethod;
}

export interface PaymentAttemptsDeps {
  intents: Lookup<PaymentIntent>;
  charges: ObjectStore<Charge>;
  paymentMethods: PaymentMethods;
  events: AccountEvents;
  settlements: SettlementSchedule;
}

/** Trying a payment method on an intent: confirmation, the card's answer, its settlement. */
export class PaymentAttempts {
  constructor(private readonly deps: PaymentAttemptsDeps) {}

  confirm(
    id: string,
    params: ConfirmParams,
    options: Omit<AttemptOptions, 'returnUrl' | 'offSession'>,
    request: RequestInfo,
  ): PaymentIntent {
    const intent = findIntent(this.deps.intents, id);
    if (intent.status === 'succeeded') {
      throw unexpectedState(
        'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        snapshot(intent),
      );
    }
    assertStatus(
      intent,
      CONFIRMABLE,
      (allowed) =>
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${allowed}.`,
    );
    const paymentMethod =
      params.payment_method !== undefined
        ? this.deps.paymentMethods.resolve(params.payment_method)
        : intent.payment_method
          ? this.deps.paymentMethods.known(intent.payment_method)
          : undefined;
    const attempt = {
      ...options,
      returnUrl: params.return_url,
      offSession: isOffSession(params.off_session),
    };
    const method = assertCanAttempt(intent, paymentMethod, attempt);
    if (params.receipt_email !== undefined) intent.receipt_email = params.receipt_email;
    if (params.capture_method !== undefined) intent.capture_method = params.capture_method;
    return this.attempt(intent, method, attempt, request);
  }

  /** Tries the card: it is approved, declined, or asks the customer to authenticate (3-D Secure). */
  attempt(
    intent: PaymentIntent,
    paymentMethod: StoredPaymentMethod,
    options: AttemptOptions,
    request: RequestInfo,
  ): PaymentIntent {
    const { events } = this.deps;
    intent.payment_method = paymentMethod.method.id;
    intent.last_payment_error = null;
    intent.next_action = null;
    const { behaviour } = paymentMethod;
    if (behaviour.kind !== 'authenticate') {
      return this.chargeCard(intent, paymentMethod, behaviour, request, false);
    }
    if (options.offSession) {
      return this.chargeCard(intent, paymentMethod, AUTHENTICATION_REQUIRED, request, false);
    }
    intent.status = 'requires_action';
    intent.next_action = nextAction(intent, options);
    events.emit('payment_intent.requires_action', intent, request);
    return snapshot(intent);
  }

  /** Charges the card now, or (with the processing knob) starts a charge that settles later. */
  chargeCard(
    intent: PaymentIntent,
    paymentMethod: StoredPaymentMethod,
    settlement: Settlement,
    request: RequestInfo,
    authenticated: boolean,
  ): PaymentIntent {
    const { charges, events, settlements } = this.deps;
    const charge = pendingCharge(intent, paymentMethod, authenticated);
    charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    const delay = settlements.processingMs();
    if (delay === 0) return this.settle(intent, charge, paymentMethod, settlement, request, 'throw');
    // Like a bank debit: the answer comes later, by webhook only.
    intent.status = 'processing';
    events.emit('charge.pending', charge, request);
    events.emit('payment_intent.processing', intent, request);
    settlements.schedule(delay, () => {
      if (intent.status === 'processing') {
        this.settle(intent, charge, paymentMethod, settlement, NO_REQUEST, 'record');
      }
    });
    return snapshot(intent);
  }

  private settle(
    intent: PaymentIntent,
    charge: Charge,
    paymentMethod: StoredPaymentMethod,
    settlement: Settlement,
    request: RequestInfo,
    onDecline: 'throw' | 'record',
  ): PaymentIntent {
    const { events } = this.deps;
    if (settlement.kind === 'approve') {
      const manual = intent.capture_method === 'manual';
      approve(charge, !manual);
      intent.status = manual ? 'requires_capture' : 'succeeded';
      if (manual) intent.amount_capturable = intent.amount;
      else intent.amount_received = intent.amount;
      events.emit('charge.succeeded', charge, request);
      events.emit(
        manual ? 'payment_intent.amount_capturable_updated' : 'payment_intent.succeeded',
        intent,
        request,
      );
      return snapshot(intent);
    }
    decline(charge, settlement);
    const error = {
      code: settlement.code,
      decline_code: settlement.declineCode,
      message: settlement.message,
      charge: charge.id,
      payment_method: paymentMethod.method,
    };
    intent.status = 'requires_payment_method';
    intent.payment_method = null;
    intent.last_payment_error = { type: 'card_error', doc_url: docUrl(settlement.code), ...error };
    events.emit('charge.failed', charge, request);
    events.emit('payment_intent.payment_failed', intent, request);
    if (onDecline === 'record') return snapshot(intent);
    throw new StripeError({ type: 'card_error', ...error, payment_intent: snapshot(intent) });
  }
}

function nextAction(intent: PaymentIntent, options: AttemptOptions): NextAction {
  if (options.returnUrl === undefined) {
    return {
      type: 'use_stripe_sdk',
      use_stripe_sdk: {
        type: 'stripe_3ds2_fingerprint',
        three_d_secure_2_source: `payatt_${randomToken(24)}`,
      },
    };
  }
  const url = new URL(`/_sandbox/authenticate/${intent.id}`, options.publicUrl);
  url.searchParams.set('client_secret', intent.client_secret);
  return { type: 'redirect_to_url', redirect_to_url: { url: url.toString(), return_url: options.returnUrl } };
}
