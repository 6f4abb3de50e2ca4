import { Type } from 'typebox';
import { ExpandParam } from './payment-intents.schemas.js';
import { MetadataParamSchema, RefundReasonSchema } from '../domain/stripe-fields.js';

const strict = { additionalProperties: false } as const;

export const CreateRefundBody = Type.Object(
  {
    payment_intent: Type.Optional(Type.String({ maxLength: 255 })),
    charge: Type.Optional(Type.String({ maxLength: 255 })),
    amount: Type.Optional(Type.Integer({ minimum: 1 })),
    reason: Type.Optional(RefundReasonSchema),
    metadata: Type.Optional(MetadataParamSchema),
    expand: ExpandParam,
  },
  strict,
);

export const RefundParams = Type.Object({ refund: Type.String({ maxLength: 255 }) }, strict);
