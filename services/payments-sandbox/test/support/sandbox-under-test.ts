import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { buildApp, type SandboxApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

export const API_KEY = 'sk_test_payments_sandbox_tests';
export const WEBHOOK_SECRET = 'whsec_payments_sandbox_tests';

export interface RunningSandbox {
  sandbox: SandboxApp;
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
  const config = loadConfig({
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
