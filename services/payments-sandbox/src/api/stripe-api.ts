import type { App } from '@shop/platform';
import type { PaymentsContext } from '../domain/payments-context.js';
import type { Settings } from '../settings.js';
import { registerFailures, registerSlowAndLostAnswers } from './faults.js';
import { parseStripeParams, queryOf } from './form-body.js';
import { registerIdempotency, type IdempotencyStore } from './idempotency.js';
import { registerLookupRoutes } from './lookups.routes.js';
import { registerPaymentIntentRoutes } from './payment-intents.routes.js';
import { registerRefundRoutes } from './refunds.routes.js';
import { stateOf } from './request-state.js';
import { stripeAuthentication } from './stripe-auth.js';
import { stripeErrorHandler, unrecognizedUrl } from './stripe-errors.js';

export interface StripeApiDeps {
  apiKey: string;
  apiVersion: string;
  ctx: PaymentsContext;
  settings: Settings;
  idempotency: IdempotencyStore;
}

/**
 * `/v1`: the Stripe API subset, speaking Stripe's protocol rather than ours: form
 * bodies, `{error: {...}}` errors, `Request-Id`, idempotency keys, and the fault knobs.
 */
export async function registerStripeApi(app: App, deps: StripeApiDeps): Promise<void> {
  await app.register(
    async (scope) => {
      // Stripe reads form bodies only; JSON is refused (see stripeErrorHandler), not quietly accepted.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 256 * 1024 },
        (_request, body, done) => done(null, parseStripeParams(String(body))),
      );
      scope.setErrorHandler(stripeErrorHandler);
      scope.setNotFoundHandler(unrecognizedUrl);

      scope.addHook('onRequest', async (request, reply) => {
        const version = request.headers['stripe-version'];
        reply.header('request-id', stateOf(request).requestId);
        reply.header('stripe-version', typeof version === 'string' ? version : deps.apiVersion);
      });
      scope.addHook('onRequest', stripeAuthentication(deps.apiKey));
      registerFailures(scope, deps.settings);
      // Stripe's query strings use brackets too (`expand[0]=latest_charge`); a bodiless POST has no params.
      scope.addHook('preValidation', async (request) => {
        request.query = parseStripeParams(queryOf(request.url));
        if (request.method === 'POST') request.body ??= {};
      });
      registerIdempotency(scope, deps.idempotency);
      registerSlowAndLostAnswers(scope, deps.settings);

      registerPaymentIntentRoutes(scope, deps.ctx);
      registerRefundRoutes(scope, deps.ctx);
      registerLookupRoutes(scope, deps.ctx);
    },
    { prefix: '/v1' },
  );
}
