import { BadRequest, problems, type App } from '@shop/platform';
import { Type } from 'typebox';
import type { PaymentEvent, PaymentEvents } from '../domain/payment-events.js';

export interface PaymentRoutesDeps {
  events: PaymentEvents;
  /** Verifies the Stripe-Signature over the raw body and reads the event; throws when invalid. */
  parse: (rawBody: Buffer, signature: string) => PaymentEvent;
}

/**
 * The payment gateway's webhook: public (no token; the signature is the authentication). The
 * signature covers the exact bytes sent, so this scope keeps the body raw instead of parsing JSON.
 */
export async function registerPaymentRoutes(app: App, { events, parse }: PaymentRoutesDeps) {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      '/api/v1/payments/webhook',
      {
        schema: {
          tags: ['payments'],
          operationId: 'receiveStripeWebhook',
          summary: 'Stripe webhook endpoint (signed events)',
          headers: Type.Object({ 'stripe-signature': Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: {
            200: Type.Object({
              received: Type.Boolean(),
              outcome: Type.Union([
                Type.Literal('applied'),
                Type.Literal('ignored'),
                Type.Literal('duplicate'),
              ]),
            }),
            ...problems(400),
          },
        },
      },
      async (request) => {
        let event: PaymentEvent;
        try {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          event = parse(body, String(request.headers['stripe-signature']));
        } catch (error) {
          throw new BadRequest({
            detail: 'The webhook signature does not match its payload.',
            fields: [{ field: 'headers.stripe-signature', message: 'does not verify' }],
            cause: error,
          });
        }
        return { received: true, outcome: await events.handle(event) };
      },
    );
  });
}
