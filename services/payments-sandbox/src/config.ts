import { Type, type Static } from 'typebox';
import { commonConfig, loadConfig as load } from '@shop/platform';

/** The stripe-node version this sandbox mirrors; events carry it as `api_version`. */
export const DEFAULT_API_VERSION = '2026-08-26.dahlia';

export const ConfigSchema = Type.Object({
  HOST: commonConfig.HOST,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3004 }),
  LOG_LEVEL: commonConfig.LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS: commonConfig.SHUTDOWN_TIMEOUT_MS,
  SANDBOX_API_KEY: Type.String({
    pattern: '^sk_test_[A-Za-z0-9_]+$',
    default: 'sk_test_sandbox',
    description: 'The one secret key the sandbox accepts (Bearer or Basic auth, as Stripe)',
  }),
  WEBHOOK_URL: Type.String({
    pattern: '^(https?://[^,]+(,https?://[^,]+)*)?$',
    default: '',
    description:
      'Where events are POSTed; empty = no deliveries. Several URLs, comma-separated: each attempt goes to the next',
  }),
  WEBHOOK_SECRET: Type.String({ pattern: '^whsec_[A-Za-z0-9_]+$', default: 'whsec_sandbox' }),
  API_VERSION: Type.String({ minLength: 1, default: DEFAULT_API_VERSION }),
  LATENCY_MS: Type.Integer({ minimum: 0, maximum: 120_000, default: 0 }),
  ERROR_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0 }),
  DISCONNECT_RATE: Type.Number({ minimum: 0, maximum: 1, default: 0 }),
  PROCESSING_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 0 }),
  WEBHOOK_DUPLICATES: Type.Integer({ minimum: 1, maximum: 10, default: 1 }),
  WEBHOOK_OUT_OF_ORDER: Type.Boolean({ default: false }),
  WEBHOOK_DELAY_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 0 }),
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 20, default: 6 }),
  WEBHOOK_RETRY_BASE_MS: Type.Integer({ minimum: 10, maximum: 3_600_000, default: 1000 }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return load(ConfigSchema, env);
}
