import { Type, type Static } from 'typebox';
import {
  authConfig,
  busConfig,
  commonConfig,
  ConfigError,
  loadConfig as loadEnvironment,
  proxyConfig,
} from '@shop/platform';

export const ConfigSchema = Type.Object({
  ...commonConfig,
  ...busConfig,
  ...proxyConfig,
  ...authConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  LOW_STOCK_THRESHOLD: Type.Integer({
    minimum: 0,
    default: 5,
    description: 'inventory.low_stock.v1 is emitted when available falls below this',
  }),
  PRODUCT_CACHE_SIZE: Type.Integer({
    minimum: 0,
    default: 20000,
    description: 'Products each replica keeps in memory for product pages (about 2 KB each); 0 turns it off',
  }),
  PRODUCT_CACHE_TTL_SECONDS: Type.Integer({
    minimum: 1,
    default: 300,
    description: 'A safety net only: changes reach the cache through NOTIFY within milliseconds',
  }),
  RESERVATION_MAX_TTL_SECONDS: Type.Integer({ minimum: 1, default: 3600 }),
  RESERVATION_SWEEP_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'How often expired holds are looked for and released',
  }),
  // Costly searches (src/domain/search-cost.ts): text, brand, attribute, off-band price or combined
  // filters. See the README's Limits for why these numbers.
  SEARCH_COSTLY_PER_CLIENT_CONCURRENT: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 2,
    description: 'Costly searches one client (address, or IPv6 /64) may have in flight',
  }),
  SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000_000,
    default: 60,
    description: 'Costly searches one client may start per minute (refilled continuously)',
  }),
  SEARCH_COSTLY_MAX_CONCURRENT: Type.Integer({
    minimum: 1,
    maximum: 199,
    default: 4,
    description:
      'Costly searches this process runs at once, each on one connection; below DATABASE_POOL_SIZE',
  }),
  SEARCH_COSTLY_WAIT_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 2000,
    description: 'How long a costly search waits for a turn before a 503',
  }),
  SEARCH_COSTLY_MAX_WAITING: Type.Integer({
    minimum: 0,
    maximum: 100_000,
    default: 32,
    description: 'Costly searches that may wait for a turn at once; more are a 503 at once',
  }),
  SEARCH_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 1,
    maximum: 600_000,
    default: 2000,
    description: 'statement_timeout of each statement of a costly search (a 503 when reached)',
  }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = loadEnvironment(ConfigSchema, env);
  // Costly searches must leave connections to product pages and cheap listings.
  if (config.SEARCH_COSTLY_MAX_CONCURRENT >= config.DATABASE_POOL_SIZE) {
    throw new ConfigError([
      `SEARCH_COSTLY_MAX_CONCURRENT (${config.SEARCH_COSTLY_MAX_CONCURRENT}) must be below ` +
        `DATABASE_POOL_SIZE (${config.DATABASE_POOL_SIZE})`,
    ]);
  }
  return config;
}
