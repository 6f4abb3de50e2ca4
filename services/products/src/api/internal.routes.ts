import {
  ProductLookupQuery,
  ProductLookupResponse,
  ProductUnavailableProblem,
  ReservationOrderIdParams,
  ReservationRefusedProblem,
  ReservationResponse,
  ReservationStatusResponse,
  ReserveConflictProblem,
  ReserveRequest,
} from '@shop/contracts/internal';
import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { Catalog } from '../domain/catalog.js';
import type { ReservationDesk } from '../domain/reservation-desk.js';
import { lookupItemView } from './product.views.js';
import { actorOf } from './viewer.js';

const tags = ['internal'];

export interface InternalRoutesDeps {
  guards: Guards;
  catalog: Catalog;
  reservations: ReservationDesk;
}

/**
 * Routes for other services (service token required); the gateway never routes /internal. Their
 * schemas are the contract in `@shop/contracts/internal`, which orders and users call with.
 */
export function registerInternalRoutes(
  app: App,
  { guards, catalog, reservations }: InternalRoutesDeps,
): void {
  app.get(
    '/internal/products',
    {
      onRequest: guards.service,
      schema: {
        operationId: 'lookupProducts',
        tags,
        summary: 'Batch lookup for orders and users: price, status and availability; unknown ids are absent',
        querystring: ProductLookupQuery,
        response: { 200: ProductLookupResponse, ...problems(400, 401) },
      },
    },
    async (request) => ({ items: (await catalog.lookup(request.query.ids.split(','))).map(lookupItemView) }),
  );

  app.post(
    '/internal/reservations',
    {
      onRequest: guards.service,
      schema: {
        operationId: 'reserveStock',
        tags,
        summary: 'Hold stock for an order: every line or none; idempotent by orderId',
        description:
          '201 when held, 200 when this order id was seen before (its outcome is replayed). ' +
          '409 insufficient_stock or 422 product_unavailable list the lines that cannot be met.',
        body: ReserveRequest,
        response: {
          200: ReservationResponse,
          201: ReservationResponse,
          ...problems(400, 401),
          409: ReserveConflictProblem,
          422: ProductUnavailableProblem,
        },
      },
    },
    async (request, reply) => {
      const { created, reservation } = await reservations.reserve(request.body, actorOf(request));
      return reply.code(created ? 201 : 200).send(reservation);
    },
  );

  const transitions = [
    ['commit', 'commitReservation', 'Deduct held stock for good (the order is paid)', true],
    ['release', 'releaseReservation', 'Give held stock back; an unknown order id leaves a tombstone', false],
    ['restock', 'restockReservation', 'Put committed stock back (order cancelled after payment)', true],
  ] as const;
  for (const [action, operationId, summary, answersNotFound] of transitions) {
    app.post(
      `/internal/reservations/:orderId/${action}`,
      {
        onRequest: guards.service,
        schema: {
          operationId,
          tags,
          summary: `${summary}; idempotent`,
          params: ReservationOrderIdParams,
          response: {
            200: ReservationStatusResponse,
            ...problems(400, 401, ...(answersNotFound ? [404] : [])),
            409: ReservationRefusedProblem,
          },
        },
      },
      async (request) => {
        const { orderId, status } = await reservations[action](request.params.orderId, actorOf(request));
        return { orderId, status };
      },
    );
  }
}
