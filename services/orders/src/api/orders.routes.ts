import { problems, type App, type Guards } from '@shop/platform';
import type { Static } from 'typebox';
import { CartFull, NotYourOrders, QuantityTooLarge } from '../domain/errors.js';
import type { ManageOrder } from '../domain/manage-order.js';
import type { OrderHistory } from '../domain/order-history.js';
import type { PlaceOrder } from '../domain/place-order.js';
import { ReorderResult } from './cart.schemas.js';
import {
  IdempotencyHeaders,
  ListOrdersQuery,
  Order,
  OrderPage,
  OrderParams,
  PlaceOrderBody,
  ShipBody,
} from './orders.schemas.js';
import { pointedAt } from './field-problems.js';
import { momentOf } from './moment.js';
import { viewerOf } from './viewer.js';

export interface OrderRoutesDeps {
  guards: Guards;
  placeOrder: PlaceOrder;
  manage: ManageOrder;
  history: OrderHistory;
}

const tags = ['orders'];

export function registerOrderRoutes(app: App, { guards, placeOrder, manage, history }: OrderRoutesDeps) {
  app.post(
    '/api/v1/orders',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'placeOrder',
        summary: 'Check out: the cart (or the given items) becomes an order, paid at once when possible',
        description:
          'Requires an Idempotency-Key: a retry with the same key and body replays the first answer ' +
          '(Idempotent-Replayed: true), the same key with another body is a 422, and a concurrent ' +
          'request with the key waits for the first (409 if it takes more than a few seconds).',
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: { 201: Order, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await placeOrder
        .place(viewerOf(request).userId, request.headers['idempotency-key'], request.body)
        .catch((error: unknown) => {
          throw linesPointedAt(error, request.body.items === undefined ? 'cart' : 'body.items');
        });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.body as Static<typeof Order>);
    },
  );

  app.get(
    '/api/v1/orders',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'listOrders',
        summary: 'Your orders, newest first (staff: everyone’s, filtered by user, status and dates)',
        querystring: ListOrdersQuery,
        response: { 200: OrderPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, from, to, ...filter } = request.query;
      const page = await history
        .list(
          viewerOf(request),
          {
            ...filter,
            ...(from ? { from: momentOf(from, 'query.from') } : {}),
            ...(to ? { to: momentOf(to, 'query.to') } : {}),
          },
          limit,
          cursor,
        )
        .catch((error: unknown) => {
          if (!(error instanceof NotYourOrders)) throw error;
          throw pointedAt(error, [{ field: 'query.userId', message: 'is not yours' }]);
        });
      return {
        items: page.items.map((o) => ({
          ...o,
          createdAt: o.createdAt.toISOString(),
          updatedAt: o.updatedAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'getOrder',
        summary: 'An order with its lines, totals, address, timeline and tracking',
        params: OrderParams,
        response: { 200: Order, ...problems(400, 401, 404) },
      },
    },
    async (request) => history.get(request.params.id, viewerOf(request)),
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'cancelOrder',
        summary: 'Cancel your order before it ships (a paid order is refunded)',
        params: OrderParams,
        response: { 200: Order, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => manage.cancel(request.params.id, viewerOf(request)),
  );

  app.post(
    '/api/v1/orders/:id/ship',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        operationId: 'shipOrder',
        summary: 'Admin: mark a paid order shipped, with its tracking number',
        params: OrderParams,
        body: ShipBody,
        response: { 200: Order, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => manage.ship(request.params.id, request.body, viewerOf(request)),
  );

  app.post(
    '/api/v1/orders/:id/deliver',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        operationId: 'deliverOrder',
        summary: 'Admin: mark a shipped order delivered',
        params: OrderParams,
        response: { 200: Order, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => manage.deliver(request.params.id, viewerOf(request)),
  );

  app.post(
    '/api/v1/orders/:id/reorder',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'reorderOrder',
        summary: 'Put an old order’s products back in your cart at today’s prices',
        params: OrderParams,
        response: { 200: ReorderResult, ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request) => history.reorder(request.params.id, viewerOf(request)),
  );
}

/**
 * The checkout's caps on its lines (judged once repeated products are merged, so no schema can),
 * said of the field the lines came from: the body's items, or the cart.
 */
function linesPointedAt(error: unknown, field: 'body.items' | 'cart'): unknown {
  if (error instanceof CartFull) {
    const { limit } = error.extensions as { limit: number };
    return pointedAt(error, [{ field, message: `at most ${limit} different products` }]);
  }
  if (error instanceof QuantityTooLarge) {
    const { limit, lines } = error.extensions as {
      limit: number;
      lines: { productId: string; quantity: number }[];
    };
    return pointedAt(
      error,
      lines.map((line) => ({
        field,
        message: `product ${line.productId}: ${line.quantity} units in all, at most ${limit}`,
      })),
    );
  }
  return error;
}
