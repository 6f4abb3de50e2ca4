import { Type } from 'typebox';
import { problems, type App } from '@shop/platform';
import { formatAmount } from '../domain/currencies.js';
import type { CustomerAuthentication } from '../domain/customer-authentication.js';
import { AuthenticateForm, AuthenticateQuery, IntentParams } from './control.schemas.js';
import { parseStripeParams } from './form-body.js';

export interface AuthenticatePageRoutesDeps {
  authentication: CustomerAuthentication;
}

const tags = ['Sandbox control'];

/**
 * The page a `redirect_to_url` next action points at, standing in for the bank's
 * 3-D Secure challenge: the customer presses "Complete" or "Fail" and is sent back
 * to the `return_url`. Authorised by the intent's client secret, like Stripe's page.
 */
export async function registerAuthenticatePageRoutes(
  app: App,
  { authentication }: AuthenticatePageRoutesDeps,
): Promise<void> {
  await app.register(
    async (scope: App) => {
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 16 * 1024 },
        (_request, body, done) => done(null, parseStripeParams(String(body))),
      );

      scope.get(
        '/:intent',
        {
          schema: {
            operationId: 'showAuthenticationChallenge',
            summary: '3-D Secure test page',
            tags,
            params: IntentParams,
            querystring: AuthenticateQuery,
            response: { 200: Type.String(), ...problems(400, 404) },
          },
        },
        async (request, reply) => {
          const intent = authentication.intentAwaitingCustomer(
            request.params.intent,
            request.query.client_secret,
          );
          return reply
            .type('text/html; charset=utf-8')
            .send(page(intent.id, intent.client_secret, intent.amount, intent.currency, intent.status));
        },
      );

      scope.post(
        '/:intent',
        {
          schema: {
            operationId: 'answerAuthenticationChallenge',
            summary: 'Answer the 3-D Secure challenge',
            tags,
            params: IntentParams,
            body: AuthenticateForm,
            response: { 200: Type.String(), 303: Type.Null(), ...problems(400, 404, 409) },
          },
        },
        async (request, reply) => {
          const { client_secret, outcome } = request.body;
          const { intent, returnTo } = authentication.customerAuthenticates(
            request.params.intent,
            client_secret,
            outcome,
          );
          if (returnTo) return reply.redirect(returnTo, 303);
          return reply
            .type('text/plain; charset=utf-8')
            .send(`PaymentIntent ${intent.id} is now ${intent.status}.`);
        },
      );
    },
    { prefix: '/_sandbox/authenticate' },
  );
}

function page(id: string, secret: string, amount: number, currency: string, status: string): string {
  const form = (outcome: string, label: string) =>
    `<form method="post" action="/_sandbox/authenticate/${escape(id)}">` +
    `<input type="hidden" name="client_secret" value="${escape(secret)}">` +
    `<button name="outcome" value="${outcome}">${label}</button></form>`;
  const body =
    status === 'requires_action'
      ? `${form('succeed', 'Complete authentication')}${form('fail', 'Fail authentication')}`
      : `<p>This payment is ${escape(status)}; there is nothing to authenticate.</p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>3-D Secure (payments sandbox)</title></head><body><h1>3-D Secure test page</h1><p>Payment of ${escape(formatAmount(amount, currency))}.</p>${body}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
