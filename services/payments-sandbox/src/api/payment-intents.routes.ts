import type { FastifyRequest } from 'fastify';
import type { App } from '@shop/platform';
import { ExpandedPaymentIntentSchema, assertExpandable, type Expansion } from '../domain/expansion.js';
import type { PaymentAttempts } from '../domain/payment-attempts.js';
import type { PaymentIntents } from '../domain/payment-intents.js';
import {
  CancelIntentBody,
  CaptureIntentBody,
  ConfirmIntentBody,
  CreateIntentBody,
  ExpandQuery,
  IntentParams,
  UpdateIntentBody,
} from './payment-intents.schemas.js';
import { requestInfo } from './request-state.js';
import { stripeErrorResponses } from './stripe-errors.schemas.js';

export interface PaymentIntentRoutesDeps {
  intents: PaymentIntents;
  attempts: PaymentAttempts;
  expansion: Expansion;
}

const response = { 200: ExpandedPaymentIntentSchema, ...stripeErrorResponses };
const tags = ['PaymentIntents'];

/** Where this sandbox is reachable from the caller, for the 3-D Secure page a next action links to. */
export function publicUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerPaymentIntentRoutes(
  scope: App,
  { intents, attempts, expansion }: PaymentIntentRoutesDeps,
): void {
  scope.post(
    '/payment_intents',
    {
      schema: {
        operationId: 'createPaymentIntent',
        summary: 'Create a PaymentIntent',
        tags,
        body: CreateIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = intents.create(params, { publicUrl: publicUrlOf(request) }, requestInfo(request));
      return expansion.paymentIntent(intent, expand);
    },
  );

  scope.get(
    '/payment_intents/:intent',
    {
      schema: {
        operationId: 'retrievePaymentIntent',
        summary: 'Retrieve a PaymentIntent',
        tags,
        params: IntentParams,
        querystring: ExpandQuery,
        response,
      },
    },
    async (request) => {
      assertExpandable('payment_intent', request.query.expand);
      const intent = intents.retrieve(request.params.intent);
      return expansion.paymentIntent(intent, request.query.expand);
    },
  );

  scope.post(
    '/payment_intents/:intent',
    {
      schema: {
        operationId: 'updatePaymentIntent',
        summary: 'Update a PaymentIntent',
        tags,
        params: IntentParams,
        body: UpdateIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = intents.update(request.params.intent, params);
      return expansion.paymentIntent(intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/confirm',
    {
      schema: {
        operationId: 'confirmPaymentIntent',
        summary: 'Confirm a PaymentIntent',
        tags,
        params: IntentParams,
        body: ConfirmIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = attempts.confirm(
        request.params.intent,
        params,
        { publicUrl: publicUrlOf(request) },
        requestInfo(request),
      );
      return expansion.paymentIntent(intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/capture',
    {
      schema: {
        operationId: 'capturePaymentIntent',
        summary: 'Capture a PaymentIntent',
        tags,
        params: IntentParams,
        body: CaptureIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = intents.capture(request.params.intent, params, requestInfo(request));
      return expansion.paymentIntent(intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/cancel',
    {
      schema: {
        operationId: 'cancelPaymentIntent',
        summary: 'Cancel a PaymentIntent',
        tags,
        params: IntentParams,
        body: CancelIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = intents.cancel(request.params.intent, params, requestInfo(request));
      return expansion.paymentIntent(intent, expand);
    },
  );
}
