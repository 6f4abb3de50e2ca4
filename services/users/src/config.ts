import { Type, type Static } from 'typebox';
import {
  ConfigError,
  REVOKED_SESSION_RETAIN_SECONDS,
  busConfig,
  commonConfig,
  serviceUrlConfig,
  loadConfig as load,
  proxyConfig,
} from '@shop/platform';

const Seconds = (defaultValue: number, description: string) =>
  Type.Integer({ minimum: 1, default: defaultValue, description });

/** Every environment variable the user service reads, with its default. */
export const ConfigSchema = Type.Object({
  ...commonConfig,
  ...busConfig,
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  PUBLIC_URL: Type.String({ default: 'http://localhost:3000', description: 'Links in mails point here' }),
  DATA_DIR: Type.String({ default: '.data/users', description: 'Signing keys, avatars, captured mail' }),
  ...proxyConfig,

  JWT_ISSUER: Type.String({ default: 'shop-users' }),
  JWT_SIGNING_KEYS: Type.Optional(
    Type.String({ description: 'JSON array of private Ed25519 JWKs; the first signs, all verify' }),
  ),
  KEY_ROTATION_DAYS: Type.Integer({
    minimum: 1,
    default: 30,
    description: 'Age at which a generated signing key (DATA_DIR/keys) is replaced',
  }),
  // At most as long as the other services remember a revoked session, or a token could outlive it.
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 1,
    maximum: REVOKED_SESSION_RETAIN_SECONDS,
    default: 900,
    description: `Lifetime of access tokens (at most ${REVOKED_SESSION_RETAIN_SECONDS})`,
  }),
  SERVICE_TOKEN_TTL_SECONDS: Seconds(600, 'Lifetime of client-credentials tokens'),
  REFRESH_TOKEN_TTL_SECONDS: Seconds(30 * 86_400, 'A session unused this long ends'),
  SESSION_MAX_AGE_SECONDS: Seconds(90 * 86_400, 'A session ends this long after login, used or not'),
  EMAIL_VERIFICATION_TTL_SECONDS: Seconds(48 * 3600, 'Lifetime of an email verification link'),
  PASSWORD_RESET_TTL_SECONDS: Seconds(30 * 60, 'Lifetime of a password reset link'),
  UNLOCK_LINK_TTL_SECONDS: Seconds(15 * 60, 'Lifetime of a mailed link that clears failed sign-ins'),
  SERVICE_CLIENTS: Type.String({
    default: '',
    description: 'id:secret,id:secret of the services allowed to get client-credentials tokens',
  }),

  // OWASP's argon2id recommendation (m=19 MiB, t=2, p=1); tests lower them.
  ARGON2_MEMORY_KIB: Type.Integer({ minimum: 8, default: 19_456 }),
  ARGON2_ITERATIONS: Type.Integer({ minimum: 1, default: 2 }),
  ARGON2_PARALLELISM: Type.Integer({ minimum: 1, maximum: 16, default: 1 }),

  LOGIN_WINDOW_SECONDS: Seconds(15 * 60, 'Window in which failed logins are counted'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 5,
    description:
      'Attempts on one account from one client address (IPv6: its /64), then 429 until the window ends',
  }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 50,
    description: 'Attempts from one client address across all accounts, then 429 until the window ends',
  }),
  LOGIN_ACCOUNT_FREE_FAILURES: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 20,
    description: 'Attempts on one account from all addresses before each further one waits a doubling delay',
  }),
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 60,
    description: 'The longest wait between attempts on one account (distributed guessing)',
  }),
  LOGIN_KNOWN_ADDRESS_DAYS: Type.Integer({
    minimum: 0,
    maximum: 400,
    default: 30,
    description:
      'An address where the account signed in within this many days skips the account-wide delay (0: none does)',
  }),

  // argon2id at the production parameters takes ~30 ms of one core here; two at once fill the
  // 2-core machine, and a queue of 16 sign-ins drains in about a quarter of a second.
  PASSWORD_HASHING_AT_ONCE: Type.Integer({
    minimum: 2,
    maximum: 64,
    default: 2,
    description: 'argon2 hashes and verifications running at once (about the number of cores)',
  }),
  PASSWORD_HASHING_ACCOUNT_AT_ONCE: Type.Integer({
    minimum: 1,
    maximum: 63,
    default: 1,
    description:
      'Of those, how many registrations, re-authentications and new passwords may take; the rest stay for sign-ins',
  }),
  // The wait (PASSWORD_HASHING_MAX_WAIT_MS) bounds the latency; these bound what may queue for it: a
  // burst of sign-ups at a sale must wait, not be refused (32 × 30 ms is about the 1 s wait).
  PASSWORD_HASHING_LOGINS_WAITING: Type.Integer({ minimum: 0, maximum: 10_000, default: 64 }),
  PASSWORD_HASHING_ACCOUNT_WAITING: Type.Integer({ minimum: 0, maximum: 10_000, default: 32 }),
  PASSWORD_HASHING_MAX_WAIT_MS: Type.Integer({
    minimum: 10,
    maximum: 60_000,
    default: 1000,
    description: 'The longest a request waits for the hasher before a 503 with Retry-After',
  }),

  ADMIN_EMAIL: Type.Optional(Type.String({ minLength: 3 })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 1 })),

  MAILER: Type.Union([Type.Literal('capture'), Type.Literal('smtp')], { default: 'capture' }),
  DEV_ROUTES: Type.Boolean({
    default: false,
    description: 'Serve GET /dev/mailbox (MAILER=capture) to loopback peers that are not proxied',
  }),
  NODE_ENV: Type.Optional(Type.String({ description: 'production refuses DEV_ROUTES=true' })),
  SMTP_URL: Type.Optional(Type.String({ minLength: 1 })),
  MAIL_FROM: Type.String({ default: 'Shop <no-reply@shop.local>' }),

  AVATAR_MAX_BYTES: Type.Integer({ minimum: 1024, default: 5 * 1024 * 1024 }),
  AVATAR_SIZE_PX: Type.Integer({ minimum: 32, maximum: 1024, default: 256 }),
  AVATAR_MAX_INPUT_PIXELS: Type.Integer({
    minimum: 65_536,
    default: 4096 * 4096,
    description: 'Width × height an upload may have at most, judged from its header before decoding',
  }),
  AVATAR_UPLOADS_PER_HOUR: Type.Integer({
    minimum: 1,
    default: 10,
    description: 'Avatar uploads per user and hour, whatever their outcome',
  }),
  AVATAR_CONVERSIONS_AT_ONCE: Type.Integer({
    minimum: 1,
    default: 2,
    description: 'Avatar conversions running at once in the process (below UV_THREADPOOL_SIZE)',
  }),
  AVATAR_CONVERSIONS_WAITING: Type.Integer({
    minimum: 0,
    default: 8,
    description: 'Avatar conversions waiting for a turn; one more is a 503',
  }),

  NOTIFICATIONS_INTERVAL_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'How often owed mails are looked for besides when a consumer owes new ones (retries)',
  }),

  PRODUCTS_URL: Type.Optional(serviceUrlConfig('the products service')),
  SERVICE_CALL_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 3000 }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

/** Reads the environment once; a bad variable stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = load(ConfigSchema, env);
  const problems: string[] = [];
  if (config.MAILER === 'smtp' && !config.SMTP_URL) problems.push('SMTP_URL is required when MAILER=smtp');
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD))
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  if (config.SERVICE_CLIENTS.split(',').some((entry) => entry.trim() && !/^[^:\s]+:\S+$/.test(entry.trim())))
    problems.push('SERVICE_CLIENTS must be id:secret pairs separated by commas');
  // Each conversion holds a libuv thread; password hashing runs on the same pool.
  const libuvThreads = Number(env.UV_THREADPOOL_SIZE) || 4;
  if (config.AVATAR_CONVERSIONS_AT_ONCE >= libuvThreads)
    problems.push(
      `AVATAR_CONVERSIONS_AT_ONCE must be below UV_THREADPOOL_SIZE (${libuvThreads}), or avatars can take every thread that logins need`,
    );
  if (config.PASSWORD_HASHING_ACCOUNT_AT_ONCE >= config.PASSWORD_HASHING_AT_ONCE)
    problems.push(
      'PASSWORD_HASHING_ACCOUNT_AT_ONCE must be below PASSWORD_HASHING_AT_ONCE, so that sign-ins always keep a slot',
    );
  if (config.DEV_ROUTES && config.NODE_ENV === 'production')
    problems.push('DEV_ROUTES=true is refused with NODE_ENV=production (the dev mailbox reads every mail)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** SERVICE_CLIENTS (`id:secret,id:secret`) as client id → secret. */
export function serviceClients(config: Config): Map<string, string> {
  const clients = new Map<string, string>();
  for (const entry of config.SERVICE_CLIENTS.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    clients.set(entry.slice(0, colon), entry.slice(colon + 1));
  }
  return clients;
}
