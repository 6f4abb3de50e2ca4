import { Type, type TSchema } from 'typebox';

/** Pieces the Stripe object schemas share: nullable fields, metadata, cards, PaymentMethods. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const strict = { additionalProperties: false } as const;

/** Stripe's limits: 50 keys of at most 40 characters, values of at most 500. */
export const MetadataSchema = Type.Record(Type.String(), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  propertyNames: { maxLength: 40 },
});

/** As a parameter, `metadata=` (empty) clears it all, and a key set to "" is removed. */
export const MetadataParam = Type.Union([MetadataSchema, Type.Literal('')]);

export const cardFields = {
  brand: Type.String(),
  country: Type.String(),
  exp_month: Type.Integer(),
  exp_year: Type.Integer(),
  fingerprint: Type.String(),
  funding: Type.String(),
  last4: Type.String(),
};

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
