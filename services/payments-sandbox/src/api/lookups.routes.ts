import { Type } from 'typebox';
import type { App } from '@shop/platform';
import { assertExpandable, expandCharge } from '../domain/expansion.js';
import { retrieveCharge, retrieveEvent, retrievePaymentMethod } from '../domain/lookups.js';
import type { PaymentsContext } from '../domain/payments-context.js';
import { ExpandQuery } from './payment-intents.schemas.js';
import { PaymentMethodSchema } from './stripe-common.schemas.js';
import { stripeErrorResponses } from './stripe-errors.schemas.js';
import { EventSchema, ExpandedChargeSchema } from './stripe-objects.schemas.js';

const strict = { additionalProperties: false } as const;
const Id = Type.String({ maxLength: 255 });

/** Read-only Stripe resources the sandbox creates as side effects: charges, payment methods, events. */
export function registerLookupRoutes(scope: App, ctx: PaymentsContext): void {
  scope.get(
    '/charges/:charge',
    {
      schema: {
        tags: ['Charges'],
        summary: 'Retrieve a charge',
        params: Type.Object({ charge: Id }, strict),
        querystring: ExpandQuery,
        response: { 200: ExpandedChargeSchema, ...stripeErrorResponses },
      },
    },
    async (request) => {
      assertExpandable('charge', request.query.expand);
      const charge = retrieveCharge(ctx.account, request.params.charge);
      return expandCharge(ctx.account, charge, request.query.expand);
    },
  );

  scope.get(
    '/payment_methods/:payment_method',
    {
      schema: {
        tags: ['PaymentMethods'],
        summary: 'Retrieve a PaymentMethod',
        params: Type.Object({ payment_method: Id }, strict),
        response: { 200: PaymentMethodSchema, ...stripeErrorResponses },
      },
    },
    async (request) => retrievePaymentMethod(ctx.account, request.params.payment_method),
  );

  scope.get(
    '/events/:id',
    {
      schema: {
        tags: ['Events'],
        summary: 'Retrieve an event',
        params: Type.Object({ id: Id }, strict),
        response: { 200: EventSchema, ...stripeErrorResponses },
      },
    },
    async (request) => retrieveEvent(ctx.events, request.params.id),
  );
}
