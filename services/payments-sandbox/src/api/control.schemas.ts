import { Type } from 'typebox';
import { LimitSchema, PageSchema } from '@shop/platform';
import { EventSchema } from '../domain/stripe-objects.js';

const strict = { additionalProperties: false } as const;

const settingsFields = {
  latencyMs: Type.Integer({ minimum: 0, maximum: 120_000, description: 'Added to every /v1 call' }),
  errorRate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of /v1 calls answered 500 first' }),
  disconnectRate: Type.Number({
    minimum: 0,
    maximum: 1,
    description: 'Share of /v1 calls that do their work, then drop the connection',
  }),
  processingMs: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    description: 'Card payments stay `processing` this long, then settle by webhook',
  }),
  webhookUrl: Type.String({
    pattern: '^(https?://.+)?$',
    maxLength: 2048,
    description: 'Empty = no deliveries',
  }),
  webhookDuplicates: Type.Integer({ minimum: 1, maximum: 10, description: 'Deliveries per event' }),
  webhookOutOfOrder: Type.Boolean({ description: "Shuffle and delay each PaymentIntent's events" }),
  webhookDelayMs: Type.Integer({ minimum: 0, maximum: 600_000 }),
  failNext: Type.Integer({ minimum: 0, maximum: 1000, description: 'The next N /v1 calls answer 500' }),
  disconnectNext: Type.Integer({
    minimum: 0,
    maximum: 1000,
    description: 'The next N /v1 calls do their work, then drop the connection',
  }),
};

export const SettingsSchema = Type.Object(settingsFields, strict);

export const SettingsChangesSchema = Type.Partial(SettingsSchema, strict);

export const DeliveryAttemptSchema = Type.Object(
  {
    copy: Type.Integer(),
    attempt: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    status: Type.Union([Type.Integer(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  },
  strict,
);

export const LoggedEventSchema = Type.Object(
  {
    event: EventSchema,
    paymentIntent: Type.Union([Type.String(), Type.Null()]),
    deliveries: Type.Array(DeliveryAttemptSchema),
  },
  strict,
);

export const EventsQuery = Type.Object(
  {
    type: Type.Optional(Type.String({ maxLength: 100 })),
    payment_intent: Type.Optional(Type.String({ maxLength: 255 })),
    limit: LimitSchema(100, 50),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  strict,
);

export const EventsPage = PageSchema(LoggedEventSchema);

export const EventCursor = Type.Object({ sequence: Type.Integer({ minimum: 0 }) }, strict);

export const EventParams = Type.Object({ id: Type.String({ maxLength: 255 }) }, strict);

export const IntentParams = Type.Object({ intent: Type.String({ maxLength: 255 }) }, strict);

export const CompleteActionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('succeed'), Type.Literal('fail')], {
      description: 'Whether the customer passes 3-D Secure',
    }),
  },
  strict,
);

export const AuthenticateQuery = Type.Object({ client_secret: Type.String({ maxLength: 255 }) }, strict);

export const AuthenticateForm = Type.Object(
  {
    client_secret: Type.String({ maxLength: 255 }),
    outcome: Type.Union([Type.Literal('succeed'), Type.Literal('fail')]),
  },
  strict,
);
