import { isIP } from 'node:net';
import { ConfigError, commonConfig, loadConfig as load, serviceUrlConfig } from '@shop/platform';
import { Type, type Static } from 'typebox';

const { HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS } = commonConfig;
const milliseconds = (fallback: number, description: string, minimum = 100) =>
  Type.Integer({ minimum, maximum: 3_600_000, default: fallback, description });
const MiB = 1024 * 1024;

export const ConfigSchema = Type.Object({
  HOST,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL,
  SHUTDOWN_TIMEOUT_MS,
  USERS_URL: serviceUrlConfig('the users service'),
  PRODUCTS_URL: serviceUrlConfig('the products service'),
  ORDERS_URL: serviceUrlConfig('the orders service'),
  PUBLIC_URL: Type.Optional(Type.String({ minLength: 1 })),
  TRUSTED_PROXIES: Type.String({
    default: '',
    description: 'Comma-separated addresses or CIDRs whose X-Forwarded-For is believed; none by default',
  }),
  METRICS_ALLOWED_FROM: Type.String({
    default: 'loopback,uniquelocal',
    description:
      'Comma-separated addresses, CIDRs or loopback/linklocal/uniquelocal from which /metrics answers (the client address after TRUSTED_PROXIES); others get a 404',
  }),
  CORS_ORIGINS: Type.String({
    default: '',
    description: 'Comma-separated origins allowed by CORS, or * for any; none by default',
  }),
  // An office behind one address: ~100 people browsing at ~20 requests a minute each.
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 3000 }),
  // Logins, registrations and refreshes of the same office, with room to spare; the user
  // service throttles guessing per account on top of this.
  AUTH_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  // A payment gateway's deliveries from one of its few addresses, signed: a busy shop's worth.
  WEBHOOK_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
  RATE_LIMIT_MAX_CLIENTS: Type.Integer({
    minimum: 1,
    default: 100_000,
    description:
      'Client addresses counted per window and budget; beyond it new ones share one overflow budget',
  }),
  RATE_LIMIT_REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://',
      description:
        'redis:// or rediss:// URL where every replica counts the rate-limit budgets; unset: each replica counts alone in its memory (also the fallback while Redis does not answer)',
    }),
  ),
  RATE_LIMIT_REDIS_TIMEOUT_MS: Type.Integer({
    minimum: 10,
    maximum: 5000,
    default: 100,
    description: "How long a request waits for Redis's count before this replica's memory counts it instead",
  }),
  RATE_LIMIT_REDIS_PREFIX: Type.String({
    minLength: 1,
    maxLength: 100,
    default: 'shop:rl:',
    description: 'Put before `<budget>:<client>` in the rate-limit keys in Redis',
  }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1 * MiB }),
  AVATAR_BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    default: 5 * MiB,
    description: "Keep it equal to the users service's AVATAR_MAX_BYTES, so the gateway refuses first",
  }),
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 30_000 }),
  UPSTREAM_CONNECTIONS: Type.Integer({ minimum: 1, default: 128 }),
  STREAMS_MAX: Type.Integer({
    minimum: 1,
    default: 512,
    description: 'Live event streams this replica forwards at once, over connections of their own',
  }),
  STREAMS_PER_CLIENT: Type.Integer({
    minimum: 1,
    default: 16,
    description: 'Live event streams one client address may have open through this replica',
  }),
  REQUEST_TIMEOUT_MS: milliseconds(
    60_000,
    'A request (headers and body) must arrive within this, or it is answered 408 and closed',
    1000,
  ),
  BODY_IDLE_TIMEOUT_MS: milliseconds(10_000, 'A request body may pause this long between two chunks'),
  OPENAPI_REFRESH_MS: Type.Integer({ minimum: 1000, default: 30_000 }),
});

export type RawConfig = Static<typeof ConfigSchema>;
export type Config = Readonly<
  Omit<RawConfig, 'TRUSTED_PROXIES' | 'METRICS_ALLOWED_FROM' | 'CORS_ORIGINS'> & {
    TRUSTED_PROXIES: string[];
    METRICS_ALLOWED_FROM: string[];
    CORS_ORIGINS: string[];
  }
>;

// proxy-addr's names for well-known ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = load(ConfigSchema, env);
  const problems: string[] = [];
  const trusted = addressList('TRUSTED_PROXIES', raw.TRUSTED_PROXIES, problems);
  const metricsReaders = addressList('METRICS_ALLOWED_FROM', raw.METRICS_ALLOWED_FROM, problems);
  const origins = splitList(raw.CORS_ORIGINS);
  for (const origin of origins) {
    if (origin !== '*' && !isOrigin(origin)) {
      problems.push(`CORS_ORIGINS has "${origin}", which is not an origin like https://shop.example`);
    }
  }
  if (raw.RATE_LIMIT_REDIS_URL !== undefined && !URL.canParse(raw.RATE_LIMIT_REDIS_URL)) {
    problems.push('RATE_LIMIT_REDIS_URL is not a URL like redis://127.0.0.1:6379');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    ...raw,
    TRUSTED_PROXIES: trusted,
    METRICS_ALLOWED_FROM: metricsReaders,
    CORS_ORIGINS: origins,
  });
}

/** A list of addresses, CIDRs or range names; each entry that is none of them adds a problem. */
function addressList(name: string, value: string, problems: string[]): string[] {
  const entries = splitList(value);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) problems.push(`${name} has "${entry}", which is not an address or CIDR`);
  }
  return entries;
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry;
  } catch {
    return false;
  }
}
