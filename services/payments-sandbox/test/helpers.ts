import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { buildApp, type Sandbox } from '../src/app.js';
import { loadSandboxConfig } from '../src/config.js';

export const API_KEY = 'sk_test_payments_sandbox_tests';
export const WEBHOOK_SECRET = 'whsec_payments_sandbox_tests';

export interface RunningSandbox {
  sandbox: Sandbox;
  port: number;
  url: string;
  /** The official SDK pointed at the sandbox, without retries unless a test asks for them. */
  stripe: Stripe;
  client: (options?: Partial<Stripe.StripeConfig>) => Stripe;
  control: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
}

/** A sandbox listening on a free port (the SDK speaks real HTTP, so no inject()). */
export async function startSandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  const config = loadSandboxConfig({
    LOG_LEVEL: 'silent',
    SANDBOX_API_KEY: API_KEY,
    WEBHOOK_SECRET,
    WEBHOOK_RETRY_BASE_MS: '50',
    ...env,
  });
  const sandbox = await buildApp(config);
  await sandbox.app.listen({ host: '127.0.0.1', port: 0 });
  await sandbox.start();
  const port = (sandbox.app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const client = (options: Partial<Stripe.StripeConfig> = {}) =>
    new Stripe(API_KEY, {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
      ...options,
    });
  return {
    sandbox,
    port,
    url,
    stripe: client(),
    client,
    control: async <T>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}/_sandbox${path}`, {
        method,
        headers: {
          authorization: `Bearer ${API_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    close: async () => {
      await sandbox.app.close();
      await sandbox.stop();
    },
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status the receiver answers delivery number `n` (0-based) with. */
  respond: (n: number) => number;
  close: () => Promise<void>;
}

/** A small HTTP server standing in for the order service's webhook endpoint. */
export async function startWebhookReceiver(
  respond: (n: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', received: [], respond, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const n = receiver.received.length;
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = receiver.respond(n);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Parses and verifies a delivery the way the order service will. */
export function verified(stripe: Stripe, hook: ReceivedWebhook): Stripe.Event {
  return stripe.webhooks.constructEvent(hook.body, String(hook.headers['stripe-signature']), WEBHOOK_SECRET);
}
