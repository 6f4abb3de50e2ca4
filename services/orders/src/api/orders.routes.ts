import type { App, Guards } from '@shop/platform';
import type { Static } from 'typebox';
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
import { momentOf } from './moment.js';
import { viewerOf } from './viewer.js';

export interface OrderUseCases {
  guards: Guards;
  placeOrder: PlaceOrder;
  manage: ManageOrder;
  history: OrderHistory;
}

const tags = ['orders'];
const security = [{ bearer: [] }];

export function registerOrderRoutes(app: App, { guards, placeOrder, manage, history }: OrderUseCases) {
  app.post(
    '/api/v1/orders',
    {
      onRequest: guards.user,
      schema: {
        tags,
        security,
        summary: 'Check out: the cart (or the given items) becomes an order, paid at once when possible',
        description:
          'Requires an Idempotency-Key: a retry with the same key and body replays the first answer ' +
          '(Idempotent-Replayed: true), the same key with another body is a 422, and a concurrent ' +
          'request with the key waits for the first (409 if it takes more than a few seconds).',
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: { 201: Order },
      },
    },
    async (request, reply) => {
      const result = await placeOrder.place(
        viewerOf(request).userId,
        request.headers['idempotency-key'],
        request.body,
      );
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
        security,
        summary: 'Your orders, newest first (staff: everyone’s, filtered by user, status and dates)',
        querystring: ListOrdersQuery,
        response: { 200: OrderPage },
      },
    },
    async (request) => {
      const { limit, cursor, from, to, ...filter } = request.query;
      const page = await history.list(
        viewerOf(request),
        {
          ...filter,
          ...(from ? { from: momentOf(from, 'query.from') } : {}),
          ...(to ? { to: momentOf(to, 'query.to') } : {}),
        },
        limit,
        cursor,
      );
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
        security,
        summary: 'An order with its lines, totals, address, timeline and tracking',
        params: OrderParams,
        response: { 200: Order },
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
        security,
        summary: 'Cancel your order before it ships (a paid order is refunded)',
        params: OrderParams,
        response: { 200: Order },
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
        security,
        summary: 'Admin: mark a paid order shipped, with its tracking number',
        params: OrderParams,
        body: ShipBody,
        response: { 200: Order },
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
        security,
        summary: 'Admin: mark a shipped order delivered',
        params: OrderParams,
        response: { 200: Order },
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
        security,
        summary: 'Put an old order’s products back in your cart at today’s prices',
        params: OrderParams,
        response: { 200: ReorderResult },
      },
    },
    async (request) => history.reorder(request.params.id, viewerOf(request)),
  );
}
