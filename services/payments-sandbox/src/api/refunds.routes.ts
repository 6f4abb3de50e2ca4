import type { App } from '@shop/platform';
import { ExpandedRefundSchema, assertExpandable, type Expansion } from '../domain/expansion.js';
import type { Refunds } from '../domain/refunds.js';
import { ExpandQuery } from './payment-intents.schemas.js';
import { CreateRefundBody, RefundParams } from './refunds.schemas.js';
import { requestInfo } from './request-state.js';
import { stripeErrorResponses } from './stripe-errors.schemas.js';

export interface RefundRoutesDeps {
  refunds: Refunds;
  expansion: Expansion;
}

const response = { 200: ExpandedRefundSchema, ...stripeErrorResponses };
const tags = ['Refunds'];

export function registerRefundRoutes(scope: App, { refunds, expansion }: RefundRoutesDeps): void {
  scope.post(
    '/refunds',
    {
      schema: {
        operationId: 'createRefund',
        summary: 'Create a refund',
        tags,
        body: CreateRefundBody,
        response,
      },
    },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('refund', expand);
      const refund = refunds.create(params, requestInfo(request));
      return expansion.refund(refund, expand);
    },
  );

  scope.get(
    '/refunds/:refund',
    {
      schema: {
        operationId: 'retrieveRefund',
        summary: 'Retrieve a refund',
        tags,
        params: RefundParams,
        querystring: ExpandQuery,
        response,
      },
    },
    async (request) => {
      assertExpandable('refund', request.query.expand);
      const refund = refunds.retrieve(request.params.refund);
      return expansion.refund(refund, request.query.expand);
    },
  );
}
