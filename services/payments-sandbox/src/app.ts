import { createApp, type App } from '@shop/platform';
import { registerAuthenticatePageRoutes } from './api/authenticate-page.routes.js';
import { registerControlRoutes } from './api/control.routes.js';
import { IdempotencyStore } from './api/idempotency.js';
import { registerStripeApiRoutes } from './api/stripe-api.routes.js';
import type { Config } from './config.js';
import { Account } from './domain/account.js';
import { CustomerAuthentication } from './domain/customer-authentication.js';
import { EventLog } from './domain/event-log.js';
import { Expansion } from './domain/expansion.js';
import { Lookups } from './domain/lookups.js';
import { PaymentAttempts } from './domain/payment-attempts.js';
import { PaymentIntents } from './domain/payment-intents.js';
import { PaymentMethods } from './domain/payment-methods.js';
import type { SettlementSchedule } from './domain/ports.js';
import { Refunds } from './domain/refunds.js';
import { WebhookDispatcher } from './messaging/webhook-dispatcher.js';
import { Settings } from './settings.js';

export interface AppDeps {
  /** The in-memory account the sandbox simulates (a test may inspect it); a fresh one by default. */
  account?: Account;
}

export interface SandboxApp {
  app: App;
  /** Starts webhook deliveries (call once the server listens). */
  start: () => Promise<void>;
  /** Stops deliveries and pending settlements. */
  stop: () => Promise<void>;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<SandboxApp> {
  const app = await createApp({
    service: 'payments-sandbox',
    logLevel: config.LOG_LEVEL,
    // Stripe's API takes form bodies, where every value arrives as text.
    coerceBody: true,
    openapi: {
      title: 'Payments sandbox',
      description:
        'A Stripe-compatible test double: PaymentIntents, refunds, idempotency keys and signed webhooks under /v1, steered through /_sandbox. Never used in production.',
    },
  });
  const settings = new Settings(config);
  const account = deps.account ?? new Account();
  const events = new EventLog(config.API_VERSION, () => (settings.get().webhookUrl ? 1 : 0));
  const idempotency = new IdempotencyStore();
  const webhooks = new WebhookDispatcher(events, settings, {
    secret: config.WEBHOOK_SECRET,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    log: app.log.child({ component: 'webhooks' }),
  });

  const timers = new Set<NodeJS.Timeout>();
  const cancelSettlements = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const settlements: SettlementSchedule = {
    processingMs: () => settings.get().processingMs,
    schedule: (ms, task) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        task();
      }, ms);
      timer.unref();
      timers.add(timer);
    },
  };

  // The account's maps are the stores; each use case gets the ones it uses.
  const { paymentIntents: intentStore, charges, refunds: refundStore, paymentMethods: methodStore } = account;
  const paymentMethods = new PaymentMethods({ paymentMethods: methodStore });
  const attempts = new PaymentAttempts({
    intents: intentStore,
    charges,
    paymentMethods,
    events,
    settlements,
  });
  const intents = new PaymentIntents({ intents: intentStore, charges, paymentMethods, attempts, events });
  const refunds = new Refunds({ intents: intentStore, charges, refunds: refundStore, events });
  const lookups = new Lookups({ charges, paymentMethods: methodStore, events });
  const expansion = new Expansion({ intents: intentStore, charges, paymentMethods: methodStore });
  const authentication = new CustomerAuthentication({
    intents: intentStore,
    paymentMethods,
    attempts,
    events,
  });

  const reset = () => {
    webhooks.cancelAll();
    cancelSettlements();
    idempotency.clear();
    events.clear();
    account.clear();
    settings.reset();
  };

  await registerStripeApiRoutes(app, {
    apiKey: config.SANDBOX_API_KEY,
    apiVersion: config.API_VERSION,
    settings,
    idempotency,
    intents,
    attempts,
    refunds,
    lookups,
    expansion,
  });
  await registerControlRoutes(app, {
    apiKey: config.SANDBOX_API_KEY,
    authentication,
    events,
    settings,
    webhooks,
    reset,
  });
  await registerAuthenticatePageRoutes(app, { authentication });

  return {
    app,
    start: async () => webhooks.start(),
    stop: async () => {
      cancelSettlements();
      await webhooks.stop();
    },
  };
}
