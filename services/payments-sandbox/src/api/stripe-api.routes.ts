import type { App } from '@shop/platform';
import type { Settings } from '../settings.js';
import { registerFailures, registerSlowAndLostAnswers } from './faults.js';
import { parseStripeParams, queryOf } from './form-body.js';
import { registerIdempotency, type IdempotencyStore } from './idempotency.js';
import { registerLookupRoutes, type LookupRoutesDeps } from './lookups.routes.js';
import { registerPaymentIntentRoutes, type PaymentIntentRoutesDeps } from './payment-intents.routes.js';
import { registerRefundRoutes, type RefundRoutesDeps } from './refunds.routes.js';
import { stateOf } from './request-state.js';
import { documentSecretKey, stripeAuthentication } from './stripe-auth.js';
import { stripeErrorHandler, unrecognizedUrl } from './stripe-errors.js';

export interface StripeApiRoutesDeps extends PaymentIntentRoutesDeps, RefundRoutesDeps, LookupRoutesDeps {
  apiKey: string;
  apiVersion: string;
  settings: Settings;
  idempotency: IdempotencyStore;
}

/**
 * `/v1`: the Stripe API subset, speaking Stripe's protocol rather than ours: form
 * bodies, `{error: {...}}` errors, `Request-Id`, idempotency keys, and the fault knobs.
 */
export async function registerStripeApiRoutes(app: App, deps: StripeApiRoutesDeps): Promise<void> {
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
      documentSecretKey(scope, { stripeErrors: true });
      registerFailures(scope, deps.settings);
      // Stripe's query strings use brackets too (`expand[0]=latest_charge`); a bodiless POST has no params.
      scope.addHook('preValidation', async (request) => {
        request.query = parseStripeParams(queryOf(request.url));
        if (request.method === 'POST') request.body ??= {};
      });
      registerIdempotency(scope, deps.idempotency);
      registerSlowAndLostAnswers(scope, deps.settings);

      registerPaymentIntentRoutes(scope, deps);
      registerRefundRoutes(scope, deps);
      registerLookupRoutes(scope, deps);
    },
    { prefix: '/v1' },
  );
}
