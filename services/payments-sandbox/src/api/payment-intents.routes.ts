import type { FastifyRequest } from 'fastify';
import type { App } from '@shop/platform';
import { assertExpandable, expandPaymentIntent } from '../domain/expansion.js';
import { confirm } from '../domain/payment-attempts.js';
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  createPaymentIntent,
  retrievePaymentIntent,
  updatePaymentIntent,
} from '../domain/payment-intents.js';
import type { PaymentsContext } from '../domain/payments-context.js';
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
import { ExpandedPaymentIntentSchema } from './stripe-objects.schemas.js';

const response = { 200: ExpandedPaymentIntentSchema, ...stripeErrorResponses };
const tags = ['PaymentIntents'];

/** Where this sandbox is reachable from the caller, for the 3-D Secure page a next action links to. */
export function publicUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function registerPaymentIntentRoutes(scope: App, ctx: PaymentsContext): void {
  scope.post(
    '/payment_intents',
    { schema: { tags, summary: 'Create a PaymentIntent', body: CreateIntentBody, response } },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = createPaymentIntent(
        ctx,
        params,
        { publicUrl: publicUrlOf(request) },
        requestInfo(request),
      );
      return expandPaymentIntent(ctx.account, intent, expand);
    },
  );

  scope.get(
    '/payment_intents/:intent',
    {
      schema: {
        tags,
        summary: 'Retrieve a PaymentIntent',
        params: IntentParams,
        querystring: ExpandQuery,
        response,
      },
    },
    async (request) => {
      assertExpandable('payment_intent', request.query.expand);
      const intent = retrievePaymentIntent(ctx, request.params.intent);
      return expandPaymentIntent(ctx.account, intent, request.query.expand);
    },
  );

  scope.post(
    '/payment_intents/:intent',
    {
      schema: {
        tags,
        summary: 'Update a PaymentIntent',
        params: IntentParams,
        body: UpdateIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = updatePaymentIntent(ctx, request.params.intent, params);
      return expandPaymentIntent(ctx.account, intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a PaymentIntent',
        params: IntentParams,
        body: ConfirmIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = confirm(
        ctx,
        request.params.intent,
        params,
        { publicUrl: publicUrlOf(request) },
        requestInfo(request),
      );
      return expandPaymentIntent(ctx.account, intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/capture',
    {
      schema: {
        tags,
        summary: 'Capture a PaymentIntent',
        params: IntentParams,
        body: CaptureIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = capturePaymentIntent(ctx, request.params.intent, params, requestInfo(request));
      return expandPaymentIntent(ctx.account, intent, expand);
    },
  );

  scope.post(
    '/payment_intents/:intent/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a PaymentIntent',
        params: IntentParams,
        body: CancelIntentBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('payment_intent', expand);
      const intent = cancelPaymentIntent(ctx, request.params.intent, params, requestInfo(request));
      return expandPaymentIntent(ctx.account, intent, expand);
    },
  );
}
