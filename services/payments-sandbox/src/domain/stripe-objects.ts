import { Type, type Static } from 'typebox';
import {
  BillingDetailsSchema,
  CancellationReasonSchema,
  CaptureMethodSchema,
  CardChecksSchema,
  EventTypeSchema,
  MetadataSchema,
  Nullable,
  PaymentIntentStatusSchema,
  RefundReasonSchema,
  cardFields,
  strict,
} from './stripe-fields.js';

/**
 * The Stripe API objects the sandbox keeps, field for field as Stripe sends them (the subset of
 * fields that carry meaning here; the rest are Stripe's constant nulls). Each is described once:
 * the schema is what the API serialises with, the type is its `Static`, and
 * test/stripe-shapes.test.ts checks the types against the official SDK's.
 */
export const PaymentMethodSchema = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('payment_method'),
    allow_redisplay: Type.Literal('unspecified'),
    billing_details: BillingDetailsSchema,
    card: Type.Object(
      {
        ...cardFields,
        checks: CardChecksSchema,
        display_brand: Type.String(),
        generated_from: Type.Null(),
        networks: Type.Object({ available: Type.Array(Type.String()), preferred: Type.Null() }, strict),
        regulated_status: Type.Literal('unregulated'),
        three_d_secure_usage: Type.Object({ supported: Type.Boolean() }, strict),
        wallet: Type.Null(),
      },
      strict,
    ),
    created: Type.Integer(),
    customer: Type.Null(),
    customer_account: Type.Null(),
    livemode: Type.Literal(false),
    metadata: MetadataSchema,
    type: Type.Literal('card'),
  },
  strict,
);
export type PaymentMethod = Static<typeof PaymentMethodSchema>;

const PaymentErrorSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('card_error'), Type.Literal('invalid_request_error')]),
    code: Type.String(),
    decline_code: Type.Optional(Type.String()),
    message: Type.String(),
    doc_url: Type.String(),
    charge: Type.Optional(Type.String()),
    payment_method: Type.Optional(PaymentMethodSchema),
  },
  strict,
);
export type PaymentError = Static<typeof PaymentErrorSchema>;

const NextActionSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('use_stripe_sdk'), Type.Literal('redirect_to_url')]),
    use_stripe_sdk: Type.Optional(
      Type.Object(
        { type: Type.Literal('stripe_3ds2_fingerprint'), three_d_secure_2_source: Type.String() },
        strict,
      ),
    ),
    redirect_to_url: Type.Optional(Type.Object({ url: Type.String(), return_url: Type.String() }, strict)),
  },
  strict,
);
export type NextAction = Static<typeof NextActionSchema>;

const ChargeOutcomeSchema = Type.Object(
  {
    advice_code: Type.Null(),
    network_advice_code: Type.Null(),
    network_decline_code: Type.Null(),
    network_status: Type.Union([
      Type.Literal('approved_by_network'),
      Type.Literal('declined_by_network'),
      Type.Literal('not_sent_to_network'),
    ]),
    reason: Nullable(Type.String()),
    risk_level: Type.Literal('normal'),
    seller_message: Type.String(),
    type: Type.Union([Type.Literal('authorized'), Type.Literal('issuer_declined'), Type.Literal('blocked')]),
  },
  strict,
);
export type ChargeOutcome = Static<typeof ChargeOutcomeSchema>;

const ThreeDSecureResultSchema = Type.Object(
  {
    authentication_flow: Type.Literal('challenge'),
    electronic_commerce_indicator: Type.Literal('05'),
    exemption_indicator: Type.Null(),
    result: Type.Literal('authenticated'),
    result_reason: Type.Null(),
    transaction_id: Type.String(),
    version: Type.Literal('2.2.0'),
  },
  strict,
);

/** What a charge records about the card it ran on. */
const ChargeCardDetailsSchema = Type.Object(
  {
    ...cardFields,
    amount_authorized: Nullable(Type.Integer()),
    authorization_code: Nullable(Type.String()),
    checks: CardChecksSchema,
    installments: Type.Null(),
    mandate: Type.Null(),
    network: Type.String(),
    network_transaction_id: Nullable(Type.String()),
    regulated_status: Type.Literal('unregulated'),
    three_d_secure: Nullable(ThreeDSecureResultSchema),
    transaction_link_id: Type.Null(),
    wallet: Type.Null(),
  },
  strict,
);

export const ChargeSchema = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('charge'),
    amount: Type.Integer(),
    amount_captured: Type.Integer(),
    amount_refunded: Type.Integer(),
    application: Type.Null(),
    application_fee: Type.Null(),
    application_fee_amount: Type.Null(),
    balance_transaction: Nullable(Type.String()),
    billing_details: BillingDetailsSchema,
    calculated_statement_descriptor: Type.String(),
    captured: Type.Boolean(),
    created: Type.Integer(),
    currency: Type.String(),
    customer: Type.Null(),
    description: Nullable(Type.String()),
    disputed: Type.Literal(false),
    failure_balance_transaction: Type.Null(),
    failure_code: Nullable(Type.String()),
    failure_message: Nullable(Type.String()),
    fraud_details: Type.Object({}, strict),
    livemode: Type.Literal(false),
    metadata: MetadataSchema,
    on_behalf_of: Type.Null(),
    outcome: Nullable(ChargeOutcomeSchema),
    paid: Type.Boolean(),
    payment_intent: Type.String(),
    payment_method: Type.String(),
    payment_method_details: Type.Object(
      { card: ChargeCardDetailsSchema, type: Type.Literal('card') },
      strict,
    ),
    receipt_email: Nullable(Type.String()),
    receipt_number: Type.Null(),
    receipt_url: Type.Null(),
    refunded: Type.Boolean(),
    review: Type.Null(),
    shipping: Type.Null(),
    source: Type.Null(),
    source_transfer: Type.Null(),
    statement_descriptor: Type.Null(),
    statement_descriptor_suffix: Type.Null(),
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('pending'), Type.Literal('failed')]),
    transfer_data: Type.Null(),
    transfer_group: Type.Null(),
  },
  strict,
);
export type Charge = Static<typeof ChargeSchema>;

export const paymentIntentFields = {
  id: Type.String(),
  object: Type.Literal('payment_intent'),
  allowed_payment_method_types: Type.Null(),
  amount: Type.Integer(),
  amount_capturable: Type.Integer(),
  amount_details: Type.Object({ tip: Type.Object({}, strict) }, strict),
  amount_received: Type.Integer(),
  application: Type.Null(),
  application_fee_amount: Type.Null(),
  automatic_payment_methods: Nullable(
    Type.Object(
      {
        allow_redirects: Type.Union([Type.Literal('always'), Type.Literal('never')]),
        enabled: Type.Boolean(),
      },
      strict,
    ),
  ),
  canceled_at: Nullable(Type.Integer()),
  cancellation_reason: Nullable(Type.Union([CancellationReasonSchema, Type.Literal('automatic')])),
  capture_method: CaptureMethodSchema,
  client_secret: Type.String(),
  confirmation_method: Type.Literal('automatic'),
  created: Type.Integer(),
  currency: Type.String(),
  customer: Type.Null(),
  customer_account: Type.Null(),
  description: Nullable(Type.String()),
  excluded_payment_method_types: Type.Null(),
  last_payment_error: Nullable(PaymentErrorSchema),
  latest_charge: Nullable(Type.String()),
  livemode: Type.Literal(false),
  managed_payments: Type.Null(),
  metadata: MetadataSchema,
  next_action: Nullable(NextActionSchema),
  on_behalf_of: Type.Null(),
  payment_method: Nullable(Type.String()),
  payment_method_configuration_details: Type.Null(),
  payment_method_options: Type.Object(
    {
      card: Type.Object(
        {
          installments: Type.Null(),
          mandate_options: Type.Null(),
          network: Type.Null(),
          request_three_d_secure: Type.Literal('automatic'),
        },
        strict,
      ),
    },
    strict,
  ),
  payment_method_types: Type.Array(Type.String()),
  processing: Type.Null(),
  receipt_email: Nullable(Type.String()),
  review: Type.Null(),
  setup_future_usage: Type.Null(),
  shipping: Type.Null(),
  source: Type.Null(),
  statement_descriptor: Type.Null(),
  statement_descriptor_suffix: Type.Null(),
  status: PaymentIntentStatusSchema,
  transfer_data: Type.Null(),
  transfer_group: Type.Null(),
};

export const PaymentIntentSchema = Type.Object(paymentIntentFields, strict);
export type PaymentIntent = Static<typeof PaymentIntentSchema>;

export const refundFields = {
  id: Type.String(),
  object: Type.Literal('refund'),
  amount: Type.Integer(),
  balance_transaction: Type.String(),
  charge: Type.String(),
  created: Type.Integer(),
  currency: Type.String(),
  customer: Type.Null(),
  customer_account: Type.Null(),
  metadata: MetadataSchema,
  payment_intent: Type.String(),
  payment_method: Type.String(),
  reason: Nullable(RefundReasonSchema),
  receipt_number: Type.Null(),
  source_transfer_reversal: Type.Null(),
  status: Type.Literal('succeeded'),
  transfer_reversal: Type.Null(),
};

export const RefundSchema = Type.Object(refundFields, strict);
export type Refund = Static<typeof RefundSchema>;

/** What an event's `data.object` is: a copy of the object as it was when the event happened. */
export type EventObject = PaymentIntent | Charge | Refund;

export const EventSchema = Type.Object(
  {
    id: Type.String(),
    object: Type.Literal('event'),
    api_version: Type.String(),
    created: Type.Integer(),
    data: Type.Object(
      {
        // Typed as the union, serialised as an open object: serialising through a union of the
        // three schemas costs more at start-up than it is worth.
        object: Type.Unsafe<EventObject>(
          Type.Object(
            { id: Type.String(), object: Type.String() },
            {
              additionalProperties: true,
              description: 'The PaymentIntent, Charge or Refund as it was when the event happened',
            },
          ),
        ),
      },
      strict,
    ),
    livemode: Type.Literal(false),
    pending_webhooks: Type.Integer(),
    request: Type.Object({ id: Nullable(Type.String()), idempotency_key: Nullable(Type.String()) }, strict),
    type: EventTypeSchema,
  },
  strict,
);
export type StripeEvent = Static<typeof EventSchema>;
