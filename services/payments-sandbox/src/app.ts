import { createApp, type App } from '@shop/platform';
import { registerAuthenticatePage } from './api/authenticate-page.routes.js';
import { registerControlApi } from './api/control.routes.js';
import { IdempotencyStore } from './api/idempotency.js';
import { registerStripeApi } from './api/stripe-api.js';
import type { Config } from './config.js';
import { Account } from './domain/account.js';
import { EventLog } from './domain/event-log.js';
import type { PaymentsContext } from './domain/payments-context.js';
import { WebhookDispatcher } from './messaging/webhook-dispatcher.js';
import { Settings } from './settings.js';

export interface Sandbox {
  app: App;
  /** Starts webhook deliveries (call once the server listens). */
  start: () => Promise<void>;
  /** Stops deliveries and pending settlements. */
  stop: () => Promise<void>;
}

export async function buildApp(config: Config): Promise<Sandbox> {
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
  const account = new Account();
  const events = new EventLog(config.API_VERSION, () => (settings.get().webhookUrl ? 1 : 0));
  const idempotency = new IdempotencyStore();
  const webhooks = new WebhookDispatcher(events, settings, {
    secret: config.WEBHOOK_SECRET,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    log: app.log.child({ component: 'webhooks' }),
  });

  const settlements = new Set<NodeJS.Timeout>();
  const cancelSettlements = () => {
    for (const timer of settlements) clearTimeout(timer);
    settlements.clear();
  };
  const ctx: PaymentsContext = {
    account,
    events,
    processingMs: () => settings.get().processingMs,
    schedule: (ms, task) => {
      const timer = setTimeout(() => {
        settlements.delete(timer);
        task();
      }, ms);
      timer.unref();
      settlements.add(timer);
    },
  };
  const reset = () => {
    webhooks.cancelAll();
    cancelSettlements();
    idempotency.clear();
    events.clear();
    account.clear();
    settings.reset();
  };

  await registerStripeApi(app, {
    apiKey: config.SANDBOX_API_KEY,
    apiVersion: config.API_VERSION,
    ctx,
    settings,
    idempotency,
  });
  await registerControlApi(app, { apiKey: config.SANDBOX_API_KEY, ctx, events, settings, webhooks, reset });
  await registerAuthenticatePage(app, ctx);

  return {
    app,
    start: async () => webhooks.start(),
    stop: async () => {
      cancelSettlements();
      await webhooks.stop();
    },
  };
}
