import type { App } from '@shop/platform';
import { assertExpandable, expandRefund } from '../domain/expansion.js';
import type { PaymentsContext } from '../domain/payments-context.js';
import { createRefund, retrieveRefund } from '../domain/refunds.js';
import { ExpandQuery } from './payment-intents.schemas.js';
import { CreateRefundBody, RefundParams } from './refunds.schemas.js';
import { requestInfo } from './request-state.js';
import { stripeErrorResponses } from './stripe-errors.schemas.js';
import { ExpandedRefundSchema } from './stripe-objects.schemas.js';

const response = { 200: ExpandedRefundSchema, ...stripeErrorResponses };
const tags = ['Refunds'];

export function registerRefundRoutes(scope: App, ctx: PaymentsContext): void {
  scope.post(
    '/refunds',
    { schema: { tags, summary: 'Create a refund', body: CreateRefundBody, response } },
    async (request) => {
      const { expand, ...params } = request.body;
      assertExpandable('refund', expand);
      const refund = createRefund(ctx, params, requestInfo(request));
      return expandRefund(ctx.account, refund, expand);
    },
  );

  scope.get(
    '/refunds/:refund',
    {
      schema: {
        tags,
        summary: 'Retrieve a refund',
        params: RefundParams,
        querystring: ExpandQuery,
        response,
      },
    },
    async (request) => {
      assertExpandable('refund', request.query.expand);
      const refund = retrieveRefund(ctx, request.params.refund);
      return expandRefund(ctx.account, refund, request.query.expand);
    },
  );
}
