import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { Value } from 'typebox/value';

/** Thrown at start-up when the environment does not match the service's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` once against a TypeBox schema whose keys are the variable names.
 * Strings are converted to the declared types, defaults applied, and every bad
 * variable is named in one error, so a misconfigured pod fails fast and clearly.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<Static<T>> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(schema, raw);
  const converted = Value.Convert(schema, withDefaults) as Record<string, unknown>;
  const problems: string[] = [];
  for (const error of Value.Errors(schema, converted)) {
    if (error.keyword === 'required') {
      const missing = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const name of missing) problems.push(`${name} is required`);
      continue;
    }
    const name = error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    const given = env[name];
    problems.push(`${name} ${error.message}${given === undefined ? '' : ` (got ${shown(name, given)})`}`);
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return Object.freeze(converted) as Readonly<Static<T>>;
}

const SECRET_NAME = /SECRET|PASSWORD|CREDENTIAL|_KEYS?$|_TOKEN$/;

/**
 * A bad value as the start-up error may show it: start-up errors end up in logs, so a value
 * named like a secret is never shown (a live key pasted into the wrong variable is still a live
 * key), the password of a URL is masked, and long values are cut.
 */
function shown(name: string, value: string): string {
  if (SECRET_NAME.test(name)) return `${value.length} characters, not shown`;
  const masked = value.replace(/(\/\/[^/:@]*):[^/@]*@/, '$1:***@');
  return `"${masked.length > 40 ? `${masked.slice(0, 37)}...` : masked}"`;
}

/** Variables every service reads. Spread into a service's own schema. */
export const commonConfig = {
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  DATABASE_URL: Type.String({ minLength: 1 }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 30_000,
    description: 'A request (headers and body) must arrive within this, or it is answered 408 and closed',
  }),
} satisfies TProperties;

/** Variables of services behind the gateway (or another proxy) that need each client's address. */
export const proxyConfig = {
  TRUSTED_PROXIES: Type.String({
    default: '',
    description:
      'Comma-separated addresses/CIDRs whose X-Forwarded-For is believed (the gateway); none by default',
  }),
} satisfies TProperties;

/** The entries of a comma-separated variable, trimmed, empty ones dropped. */
export function commaSeparated(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** TRUSTED_PROXIES as the list Fastify's trustProxy takes. */
export function trustedProxies(value: string): string[] {
  return commaSeparated(value);
}

const ORIGIN = String.raw`https?://[^\s,/?#]+/?`;
const ANY_URL = String.raw`https?://[^\s,]+`;
const listOf = (one: string) => String.raw`^\s*${one}\s*(,\s*${one}\s*)*$`;

/**
 * The base URL of another service: one (a Kubernetes Service, which spreads the connections
 * itself) or one per instance, comma-separated; the clients spread calls over them and stop
 * calling one that is down (ServiceInstances).
 */
export function serviceUrlConfig(service: string) {
  return Type.String({
    pattern: listOf(ORIGIN),
    description: `Base URL of ${service}, or of each of its instances separated by commas`,
  });
}

/** Variables of services that publish or consume events. */
export const busConfig = {
  BUS_URL: Type.String({
    minLength: 1,
    description: 'postgres://… (pg-boss adapter) or nats://… (NATS JetStream adapter)',
  }),
  OUTBOX_SWEEP_MS: Type.Integer({ minimum: 50, default: 1000 }),
} satisfies TProperties;

/** Variables of services that verify access tokens issued by the user service. */
export const authConfig = {
  JWKS_URL: Type.String({
    pattern: listOf(ANY_URL),
    description: "The user service's JWKS; one per instance, comma-separated, when nothing balances them",
  }),
  JWT_ISSUER: Type.String({ default: 'shop-users' }),
} satisfies TProperties;

/** Variables of services that call other services with a client-credentials token. */
export const serviceClientConfig = {
  TOKEN_URL: Type.String({
    pattern: listOf(ANY_URL),
    description:
      "The user service's token endpoint; one per instance, comma-separated, when nothing balances them",
  }),
  SERVICE_CLIENT_ID: Type.String({ minLength: 1 }),
  SERVICE_CLIENT_SECRET: Type.String({ minLength: 16 }),
  SERVICE_CALL_TIMEOUT_MS: Type.Integer({ minimum: 50, default: 3000 }),
} satisfies TProperties;
