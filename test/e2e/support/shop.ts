/**
 * A whole shop for one e2e file: the stack started by the launcher (every service its own process
 * on its own database, events over the real bus, ephemeral ports, a temp data folder), and the
 * calls a client makes to it through the gateway.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type Stack, type StackOptions } from '@shop/launcher';
import { api, bodyOf } from './api.js';

export const ADMIN = { email: 'admin@e2e.test', password: 'an admin passphrase for e2e 7' };

/** Answers are JSON read by tests; their shapes are what the tests assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CapturedMail {
  subject: string;
  text: string;
  links: string[];
  sentAt: string;
}

export interface Shop {
  stack: Stack;
  /** An HTTP call to the gateway, as a client makes it. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** The payment sandbox's test controls (`/_sandbox/*`), with its secret key. */
  sandbox(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Mail captured for one address, newest first: the users service's dev mailbox, never routed by the gateway. */
  mailbox(email: string): Promise<CapturedMail[]>;
  adminToken(): Promise<string>;
  /** The same shop with its gateway calls sent to one gateway replica (from 0; the first is `call`'s). */
  through(gateway: number): Shop;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra environment for every service. */
  env?: Record<string, string>;
  busUrlParams?: StackOptions['busUrlParams'];
  /** The services' log level (default warn) and a receiver of every line they write. */
  logLevel?: string;
  onLog?: StackOptions['onLog'];
  /** Instances of users, products, orders and the gateway (default 1). */
  replicas?: number;
  /** A nats:// bus instead of pg-boss (no bus database then). */
  busUrl?: string;
  /** The server the stack's prefixed databases are made on (default TEST_DATABASE_URL, else embedded). */
  postgresUrl?: string;
}

/**
 * One HTTP call with an optional bearer token and JSON body; the answer's body is its JSON when it
 * says it is JSON, else its text. The drivers' calls and the bench's setup calls go through it.
 */
export async function request(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text;
  return { status: response.status, body: json ? JSON.parse(text) : text, headers: response.headers };
}

/**
 * Starts the stack on TEST_DATABASE_URL's server (databases prefixed with `label`, dropped by
 * stop()) or on an embedded one, with a known admin, fast password hashing and the payment
 * sandbox's webhooks coming in through the gateway as they would from Stripe.
 * E2E_LOG=1 shows the services' warnings and errors.
 */
export async function launchShop(label: string, options: LaunchOptions = {}): Promise<Shop> {
  const dataDir = await mkdtemp(join(tmpdir(), `e2e-${label}-`));
  const postgresUrl = options.postgresUrl ?? process.env.TEST_DATABASE_URL;
  const stack = await startStack({
    dataDir,
    ephemeralPorts: true,
    seedProducts: 0,
    logLevel: options.logLevel ?? 'warn',
    onLog:
      options.onLog ??
      (process.env.E2E_LOG ? (service, line) => console.log(`${service} ${line}`) : () => undefined),
    ...(postgresUrl
      ? {
          postgresUrl,
          temporaryDatabasePrefix: `e2e_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}_`,
        }
      : {}),
    ...(options.busUrlParams ? { busUrlParams: options.busUrlParams } : {}),
    ...(options.replicas ? { replicas: options.replicas } : {}),
    ...(options.busUrl ? { busUrl: options.busUrl } : {}),
    env: {
      ...process.env,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      SSE_HEARTBEAT_MS: '1000',
      ...options.env,
    },
  });
  const { stripeSecretKey } = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as {
    stripeSecretKey: string;
  };

  const shop: Shop = {
    stack,
    call: (method, path, options) => request(stack.gatewayUrl, method, path, options),
    through(gateway) {
      const base = stack.gatewayUrls[gateway];
      if (!base) throw new Error(`the stack has no gateway replica ${gateway}`);
      return { ...shop, call: (method, path, options) => request(base, method, path, options) };
    },
    sandbox: (method, path, body) =>
      request(stack.urls['payments-sandbox']!, method, path, {
        token: stripeSecretKey,
        ...(body === undefined ? {} : { body }),
      }),
    async mailbox(email) {
      const answer = await request(stack.urls.users!, 'GET', `/dev/mailbox?to=${encodeURIComponent(email)}`);
      return (answer.body as { items: CapturedMail[] }).items;
    },
    async adminToken() {
      const login = await api(shop, 'post', '/api/v1/auth/login', { body: ADMIN });
      if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);
      return bodyOf(login).accessToken;
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  // Deliveries are spread over the gateway replicas by event id, and each retry goes to the next.
  await shop.sandbox('PUT', '/_sandbox/config', {
    webhookUrl: stack.gatewayUrls.map((url) => `${url}/api/v1/payments/webhook`).join(','),
  });
  return shop;
}
