import { Type } from 'typebox';
import type { App } from '@shop/platform';
import { ExpandedChargeSchema, assertExpandable, type Expansion } from '../domain/expansion.js';
import type { Lookups } from '../domain/lookups.js';
import { strict } from '../domain/stripe-fields.js';
import { EventSchema, PaymentMethodSchema } from '../domain/stripe-objects.js';
import { ExpandQuery } from './payment-intents.schemas.js';
import { stripeErrorResponses } from './stripe-errors.schemas.js';

export interface LookupRoutesDeps {
  lookups: Lookups;
  expansion: Expansion;
}

const Id = Type.String({ maxLength: 255 });

/** Read-only Stripe resources the sandbox creates as side effects: charges, payment methods, events. */
export function registerLookupRoutes(scope: App, { lookups, expansion }: LookupRoutesDeps): void {
  scope.get(
    '/charges/:charge',
    {
      schema: {
        operationId: 'retrieveCharge',
        summary: 'Retrieve a charge',
        tags: ['Charges'],
        params: Type.Object({ charge: Id }, strict),
        querystring: ExpandQuery,
        response: { 200: ExpandedChargeSchema, ...stripeErrorResponses },
      },
    },
    async (request) => {
      assertExpandable('charge', request.query.expand);
      const charge = lookups.retrieveCharge(request.params.charge);
      return expansion.charge(charge, request.query.expand);
    },
  );

  scope.get(
    '/payment_methods/:payment_method',
    {
      schema: {
        operationId: 'retrievePaymentMethod',
        summary: 'Retrieve a PaymentMethod',
        tags: ['PaymentMethods'],
        params: Type.Object({ payment_method: Id }, strict),
        response: { 200: PaymentMethodSchema, ...stripeErrorResponses },
      },
    },
    async (request) => lookups.retrievePaymentMethod(request.params.payment_method),
  );

  scope.get(
    '/events/:id',
    {
      schema: {
        operationId: 'retrieveEvent',
        summary: 'Retrieve an event',
        tags: ['Events'],
        params: Type.Object({ id: Id }, strict),
        response: { 200: EventSchema, ...stripeErrorResponses },
      },
    },
    async (request) => lookups.retrieveEvent(request.params.id),
  );
}
