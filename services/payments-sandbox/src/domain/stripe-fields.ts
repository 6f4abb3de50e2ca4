import { Type, type Static, type TSchema } from 'typebox';

/**
 * Pieces the Stripe object schemas share (nullable fields, metadata, cards, the enumerations),
 * as TypeBox schemas: the API layer validates and serialises with them, the domain types are
 * their `Static`, so each is described once.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const strict = { additionalProperties: false } as const;

/** Stripe's limits: 50 keys of at most 40 characters, values of at most 500. */
export const MetadataSchema = Type.Record(Type.String(), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  propertyNames: { maxLength: 40 },
});
export type Metadata = Static<typeof MetadataSchema>;

/** As a parameter, `metadata=` (empty) clears it all, and a key set to "" is removed. */
export const MetadataParamSchema = Type.Union([MetadataSchema, Type.Literal('')]);
export type MetadataParam = Static<typeof MetadataParamSchema>;

export const PaymentIntentStatusSchema = Type.Union([
  Type.Literal('requires_payment_method'),
  Type.Literal('requires_confirmation'),
  Type.Literal('requires_action'),
  Type.Literal('processing'),
  Type.Literal('requires_capture'),
  Type.Literal('succeeded'),
  Type.Literal('canceled'),
]);
export type PaymentIntentStatus = Static<typeof PaymentIntentStatusSchema>;

export const CaptureMethodSchema = Type.Union([
  Type.Literal('automatic'),
  Type.Literal('automatic_async'),
  Type.Literal('manual'),
]);
export type CaptureMethod = Static<typeof CaptureMethodSchema>;

/** The reasons a caller may give; Stripe itself also cancels with `automatic`. */
export const CancellationReasonSchema = Type.Union([
  Type.Literal('duplicate'),
  Type.Literal('fraudulent'),
  Type.Literal('requested_by_customer'),
  Type.Literal('abandoned'),
]);
export type CancellationReason = Static<typeof CancellationReasonSchema>;

export const RefundReasonSchema = Type.Union([
  Type.Literal('duplicate'),
  Type.Literal('fraudulent'),
  Type.Literal('requested_by_customer'),
]);
export type RefundReason = Static<typeof RefundReasonSchema>;

export const EventTypeSchema = Type.Union([
  Type.Literal('payment_intent.created'),
  Type.Literal('payment_intent.processing'),
  Type.Literal('payment_intent.requires_action'),
  Type.Literal('payment_intent.succeeded'),
  Type.Literal('payment_intent.payment_failed'),
  Type.Literal('payment_intent.canceled'),
  Type.Literal('payment_intent.amount_capturable_updated'),
  Type.Literal('charge.succeeded'),
  Type.Literal('charge.failed'),
  Type.Literal('charge.pending'),
  Type.Literal('charge.captured'),
  Type.Literal('charge.refunded'),
  Type.Literal('refund.created'),
]);
export type EventType = Static<typeof EventTypeSchema>;

export const cardFields = {
  brand: Type.String(),
  country: Type.String(),
  exp_month: Type.Integer(),
  exp_year: Type.Integer(),
  fingerprint: Type.String(),
  funding: Type.String(),
  last4: Type.String(),
};
export const CardDetailsSchema = Type.Object(cardFields, strict);
export type CardDetails = Static<typeof CardDetailsSchema>;

export const CardChecksSchema = Type.Object(
  {
    address_line1_check: Type.Null(),
    address_postal_code_check: Type.Null(),
    cvc_check: Type.Literal('unchecked'),
  },
  strict,
);

export const BillingDetailsSchema = Type.Object(
  {
    address: Type.Object(
      {
        city: Type.Null(),
        country: Type.Null(),
        line1: Type.Null(),
        line2: Type.Null(),
        postal_code: Type.Null(),
        state: Type.Null(),
      },
      strict,
    ),
    email: Type.Null(),
    name: Type.Null(),
    phone: Type.Null(),
    tax_id: Type.Null(),
  },
  strict,
);
