import {
  authConfig,
  busConfig,
  commonConfig,
  serviceUrlConfig,
  loadConfig as load,
  proxyConfig,
  serviceClientConfig,
  ConfigError,
} from '@shop/platform';
import { Type, type Static } from 'typebox';

const seconds = (description: string, fallback: number, minimum = 1) =>
  Type.Integer({ minimum, default: fallback, description });

export const ConfigSchema = Type.Object({
  ...commonConfig,
  ...busConfig,
  ...proxyConfig,
  ...authConfig,
  ...serviceClientConfig,
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  PRODUCTS_URL: serviceUrlConfig('the products service'),
  USERS_URL: serviceUrlConfig('the users service'),
  STRIPE_SECRET_KEY: Type.String({ minLength: 1 }),
  /** Points the Stripe SDK at the payment sandbox; unset means api.stripe.com. */
  STRIPE_API_URL: Type.Optional(Type.String({ minLength: 1 })),
  STRIPE_WEBHOOK_SECRET: Type.String({ minLength: 1 }),
  STRIPE_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  /** Where a customer's browser returns after a 3-D Secure challenge. */
  PAYMENT_RETURN_URL: Type.String({ default: 'http://localhost:3000/orders/return' }),
  SHIPPING_FEE: Type.Integer({ minimum: 0, default: 499, description: 'Flat fee, minor units' }),
  FREE_SHIPPING_FROM: Type.Integer({
    minimum: 0,
    default: 5000,
    description: 'Subtotal (minor units) from which shipping is free',
  }),
  PAYMENT_TIMEOUT_SECONDS: seconds('Unpaid orders are cancelled after this', 900),
  RESERVATION_TTL_SECONDS: seconds('Stock holds outlive the payment timeout by this margin', 1200),
  SAGA_INTERVAL_MS: Type.Integer({ minimum: 50, default: 2000, description: 'Recovery loop period' }),
  SAGA_LEASE_SECONDS: seconds('A replica drives an order for at most this long before another may', 30),
  PAYMENT_POLL_SECONDS: seconds('How often a payment awaiting the customer is re-read', 30),
  IDEMPOTENCY_WAIT_MS: Type.Integer({ minimum: 0, default: 5000 }),
  IDEMPOTENCY_RETENTION_HOURS: seconds('Idempotency keys are forgotten after this', 24),
  SSE_HEARTBEAT_MS: Type.Integer({ minimum: 100, default: 15_000 }),
  MAX_ORDER_STREAMS_PER_USER: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 5,
    description: 'Live-tracking streams one user may hold open on one orders process (429 beyond)',
  }),
  // At most a day: a stream's end is a timer (Node's timers stop at 24.8 days).
  ORDER_STREAM_MAX_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: 1800,
    description: 'A live-tracking stream ends after this; the client resumes it with Last-Event-ID',
  }),
  MAX_UNPAID_ORDERS_PER_CUSTOMER: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 3,
    description: 'Orders one customer may have waiting for payment (pending, awaiting_payment) at once',
  }),
  MAX_UNPAID_UNITS_PER_CUSTOMER: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 200,
    description: "Units one customer's unpaid orders may hold in all, the new order included",
  }),
  ERASURE_WATCH_SECONDS: seconds(
    'After an account is deleted, writes made with its still-valid access tokens are scrubbed this long',
    1800,
    0,
  ),
  ERASURE_RECHECK_SECONDS: seconds('How often a deleted account is looked at again during that watch', 60),
  /** Test-only: exit the process at a saga step (see README, "Fault hook"). Unset in production. */
  ORDERS_FAULT: Type.Optional(
    Type.Union([
      Type.Literal('crash-after-reserve'),
      Type.Literal('crash-after-payment'),
      Type.Literal('crash-before-commit'),
      Type.Literal('crash-after-commit'),
    ]),
  ),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = load(ConfigSchema, env);
  if (config.RESERVATION_TTL_SECONDS <= config.PAYMENT_TIMEOUT_SECONDS) {
    throw new ConfigError([
      `RESERVATION_TTL_SECONDS (${config.RESERVATION_TTL_SECONDS}) must exceed PAYMENT_TIMEOUT_SECONDS (${config.PAYMENT_TIMEOUT_SECONDS}), so a hold never expires before its order does`,
    ]);
  }
  return config;
}
