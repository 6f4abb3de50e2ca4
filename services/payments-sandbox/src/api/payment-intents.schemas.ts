import { Type } from 'typebox';
import {
  CancellationReasonSchema,
  CaptureMethodSchema,
  MetadataParamSchema,
} from '../domain/stripe-fields.js';

/** Request parameters as Stripe names them (form fields, bracket notation for nesting). */
const strict = { additionalProperties: false } as const;

export const ExpandParam = Type.Optional(Type.Array(Type.String(), { maxItems: 10 }));

const OffSessionParam = Type.Union([Type.Boolean(), Type.Literal('one_off'), Type.Literal('recurring')]);

const confirmFields = {
  payment_method: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  return_url: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  off_session: Type.Optional(OffSessionParam),
  receipt_email: Type.Optional(Type.String({ maxLength: 800 })),
  capture_method: Type.Optional(CaptureMethodSchema),
  expand: ExpandParam,
};

export const IntentParams = Type.Object({ intent: Type.String({ maxLength: 255 }) }, strict);

export const CreateIntentBody = Type.Object(
  {
    ...confirmFields,
    amount: Type.Integer({ minimum: 1 }),
    currency: Type.String({ minLength: 3, maxLength: 3 }),
    confirm: Type.Optional(Type.Boolean()),
    metadata: Type.Optional(MetadataParamSchema),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    automatic_payment_methods: Type.Optional(
      Type.Object(
        {
          enabled: Type.Boolean(),
          allow_redirects: Type.Optional(Type.Union([Type.Literal('always'), Type.Literal('never')])),
        },
        strict,
      ),
    ),
    payment_method_types: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 10 })),
  },
  strict,
);

export const UpdateIntentBody = Type.Object(
  {
    amount: Type.Optional(Type.Integer({ minimum: 1 })),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3 })),
    capture_method: Type.Optional(CaptureMethodSchema),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    metadata: Type.Optional(MetadataParamSchema),
    payment_method: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    receipt_email: Type.Optional(Type.String({ maxLength: 800 })),
    expand: ExpandParam,
  },
  strict,
);

export const ConfirmIntentBody = Type.Object(confirmFields, strict);

export const CaptureIntentBody = Type.Object(
  {
    amount_to_capture: Type.Optional(Type.Integer({ minimum: 1 })),
    metadata: Type.Optional(MetadataParamSchema),
    expand: ExpandParam,
  },
  strict,
);

export const CancelIntentBody = Type.Object(
  {
    cancellation_reason: Type.Optional(CancellationReasonSchema),
    expand: ExpandParam,
  },
  strict,
);

export const ExpandQuery = Type.Object({ expand: ExpandParam }, strict);
