import { captureAmount, release } from './charges.js';
import { assertChargeableAmount, normaliseCurrency } from './currencies.js';
import { newId, randomToken, unixNow } from './ids.js';
import {
  assertCanAttempt,
  isOffSession,
  type AttemptOptions,
  type ConfirmParams,
  type PaymentAttempts,
} from './payment-attempts.js';
import { assertStatus, findIntent } from './payment-intent-rules.js';
import type { PaymentMethods } from './payment-methods.js';
import type { AccountEvents, Lookup, ObjectStore, RequestInfo } from './ports.js';
import { snapshot } from './snapshot.js';
import type {
  CancellationReason,
  CaptureMethod,
  Metadata,
  MetadataParam,
  PaymentIntentStatus,
} from './stripe-fields.js';
import type { Charge, PaymentIntent } from './stripe-objects.js';
import { invalidRequest, unexpectedState } from './stripe-error.js';

export interface CreateParams extends ConfirmParams {
  amount: number;
  currency: string;
  confirm?: boolean | undefined;
  capture_method?: CaptureMethod | undefined;
  metadata?: MetadataParam | undefined;
  description?: string | undefined;
  automatic_payment_methods?:
    { enabled: boolean; allow_redirects?: 'always' | 'never' | undefined } | undefined;
  payment_method_types?: string[] | undefined;
}

export interface UpdateParams {
  amount?: number | undefined;
  currency?: string | undefined;
  capture_method?: CaptureMethod | undefined;
  description?: string | undefined;
  metadata?: MetadataParam | undefined;
  payment_method?: string | undefined;
  receipt_email?: string | undefined;
}

const EDITABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'] as const;
const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
] as const satisfies readonly PaymentIntentStatus[];

export interface PaymentIntentsDeps {
  intents: ObjectStore<PaymentIntent>;
  charges: Lookup<Charge>;
  paymentMethods: PaymentMethods;
  attempts: PaymentAttempts;
  events: AccountEvents;
}

/** A PaymentIntent's life: created, updated, captured or canceled (confirmation: PaymentAttempts). */
export class PaymentIntents {
  constructor(private readonly deps: PaymentIntentsDeps) {}

  create(
    params: CreateParams,
    options: Pick<AttemptOptions, 'publicUrl'>,
    request: RequestInfo,
  ): PaymentIntent {
    const currency = normaliseCurrency(params.currency);
    assertChargeableAmount(params.amount, currency);
    const automatic = automaticPaymentMethods(params);
    if (!params.confirm) {
      for (const param of ['return_url', 'off_session'] as const) {
        if (params[param] !== undefined) {
          throw invalidRequest(`You can only pass \`${param}\` when \`confirm\` is true.`, { param });
        }
      }
    }
    const paymentMethod = params.payment_method
      ? this.deps.paymentMethods.resolve(params.payment_method)
      : undefined;
    const attempt = {
      ...options,
      returnUrl: params.return_url,
      offSession: isOffSession(params.off_session),
    };
    if (params.confirm) assertCanAttempt({ automatic_payment_methods: automatic }, paymentMethod, attempt);

    const intent = newPaymentIntent(params, currency, automatic, paymentMethod?.method.id ?? null);
    this.deps.intents.set(intent.id, intent);
    this.deps.events.emit('payment_intent.created', intent, request);
    if (params.confirm && paymentMethod) {
      return this.deps.attempts.attempt(intent, paymentMethod, attempt, request);
    }
    return snapshot(intent);
  }

  retrieve(id: string): PaymentIntent {
    return snapshot(findIntent(this.deps.intents, id));
  }

  /** Metadata, description and receipt email can change at any time; what is charged only before payment. */
  update(id: string, params: UpdateParams): PaymentIntent {
    const intent = findIntent(this.deps.intents, id);
    for (const param of ['amount', 'currency', 'capture_method', 'payment_method'] as const) {
      if (params[param] !== undefined && !(EDITABLE as readonly string[]).includes(intent.status)) {
        throw unexpectedState(
          `This PaymentIntent's ${param} could not be updated because it has a status of ${intent.status}. You may only update the ${param} of a PaymentIntent with one of the following statuses: ${EDITABLE.join(', ')}.`,
          snapshot(intent),
        );
      }
    }
    const currency = params.currency === undefined ? intent.currency : normaliseCurrency(params.currency);
    if (params.amount !== undefined || params.currency !== undefined) {
      assertChargeableAmount(params.amount ?? intent.amount, currency);
    }
    const paymentMethod =
      params.payment_method === undefined
        ? undefined
        : this.deps.paymentMethods.resolve(params.payment_method);

    intent.amount = params.amount ?? intent.amount;
    intent.currency = currency;
    intent.capture_method = params.capture_method ?? intent.capture_method;
    if (params.description !== undefined) intent.description = params.description || null;
    if (params.receipt_email !== undefined) intent.receipt_email = params.receipt_email || null;
    intent.metadata = mergeMetadata(intent.metadata, params.metadata);
    if (paymentMethod) {
      intent.payment_method = paymentMethod.method.id;
      intent.status = 'requires_confirmation';
      intent.next_action = null;
    }
    return snapshot(intent);
  }

  capture(
    id: string,
    params: { amount_to_capture?: number | undefined; metadata?: MetadataParam | undefined },
    request: RequestInfo,
  ): PaymentIntent {
    const { intents, charges, events } = this.deps;
    const intent = findIntent(intents, id);
    assertStatus(
      intent,
      ['requires_capture'],
      (allowed) =>
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: ${allowed}.`,
    );
    const amount = params.amount_to_capture ?? intent.amount_capturable;
    if (amount > intent.amount_capturable) {
      throw invalidRequest(
        `The amount_to_capture (${amount}) must be less than or equal to the PaymentIntent's amount_capturable (${intent.amount_capturable}).`,
        { code: 'amount_too_large', param: 'amount_to_capture' },
      );
    }
    const charge = charges.get(intent.latest_charge ?? '');
    if (!charge) throw new Error(`PaymentIntent ${id} is requires_capture without a charge`);
    captureAmount(charge, amount);
    intent.metadata = mergeMetadata(intent.metadata, params.metadata);
    intent.amount_capturable = 0;
    intent.amount_received = amount;
    intent.status = 'succeeded';
    events.emit('charge.captured', charge, request);
    events.emit('payment_intent.succeeded', intent, request);
    return snapshot(intent);
  }

  cancel(
    id: string,
    params: { cancellation_reason?: CancellationReason | undefined },
    request: RequestInfo,
  ): PaymentIntent {
    const { intents, charges, events } = this.deps;
    const intent = findIntent(intents, id);
    assertStatus(
      intent,
      CANCELABLE,
      (allowed) =>
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${allowed}.`,
    );
    if (intent.status === 'requires_capture') {
      const charge = charges.get(intent.latest_charge ?? '');
      if (charge) release(charge);
      intent.amount_capturable = 0;
    }
    intent.status = 'canceled';
    intent.canceled_at = unixNow();
    intent.cancellation_reason = params.cancellation_reason ?? null;
    intent.next_action = null;
    events.emit('payment_intent.canceled', intent, request);
    return snapshot(intent);
  }
}

/** A new intent as Stripe creates it: not yet confirmed, all the fields it does not model null. */
function newPaymentIntent(
  params: CreateParams,
  currency: string,
  automatic: PaymentIntent['automatic_payment_methods'],
  paymentMethod: string | null,
): PaymentIntent {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: params.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automatic,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: params.capture_method ?? 'automatic_async',
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: 'automatic',
    created: unixNow(),
    currency,
    customer: null,
    customer_account: null,
    description: params.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method: paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: {
        installments: null,
        mandate_options: null,
        network: null,
        request_three_d_secure: 'automatic',
      },
    },
    payment_method_types: params.payment_method_types ?? ['card'],
    processing: null,
    receipt_email: params.receipt_email ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

function automaticPaymentMethods(params: CreateParams): PaymentIntent['automatic_payment_methods'] {
  if (params.automatic_payment_methods && params.payment_method_types) {
    throw invalidRequest(
      'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      { code: 'parameters_exclusive', param: 'payment_method_types' },
    );
  }
  for (const type of params.payment_method_types ?? []) {
    if (type !== 'card') {
      throw invalidRequest(
        `The payment method type "${type}" is invalid: the payments sandbox only simulates "card".`,
        { param: 'payment_method_types' },
      );
    }
  }
  // Since API version 2023-08-16 Stripe enables automatic payment methods unless told otherwise.
  if (params.payment_method_types || params.automatic_payment_methods?.enabled === false) return null;
  return { allow_redirects: params.automatic_payment_methods?.allow_redirects ?? 'always', enabled: true };
}

/** Stripe's rule: given keys are set, a key set to "" is removed, the others stay; "" clears all. */
function mergeMetadata(current: Metadata, changes: MetadataParam | undefined): Metadata {
  if (changes === '') return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
