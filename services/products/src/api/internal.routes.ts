import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { ProductCatalog } from '../domain/catalog.js';
import type { ReservationDesk } from '../domain/reservation-desk.js';
import {
  LookupParams,
  LookupResponse,
  OrderIdParams,
  ReservationResponse,
  ReservationStatusResponse,
  ReserveRequest,
} from './reservation.schemas.js';
import { actorOf } from './viewer.js';

const tags = ['internal'];
const security = [{ bearer: [] }];

/** Routes for other services (service token required); the gateway never routes /internal. */
export function internalRoutes(
  app: App,
  deps: { catalog: ProductCatalog; reservations: ReservationDesk; guards: Guards },
) {
  const { catalog, reservations, guards } = deps;

  app.get(
    '/internal/products',
    {
      onRequest: guards.service,
      schema: {
        tags,
        summary: 'Batch lookup for orders and users: price, status and availability; unknown ids are absent',
        security,
        querystring: LookupParams,
        response: { 200: LookupResponse, ...problems(400, 401) },
      },
    },
    async (request) => {
      const products = await catalog.lookup(request.query.ids.split(','));
      return {
        items: products.map((p) => ({
          ...p,
          image: p.images[0] ?? null,
          inStock: p.available > 0,
          rating: { average: p.rating.average, count: p.rating.count },
        })),
      };
    },
  );

  app.post(
    '/internal/reservations',
    {
      onRequest: guards.service,
      schema: {
        tags,
        summary: 'Hold stock for an order: every line or none; idempotent by orderId',
        description:
          '201 when held, 200 when this order id was seen before (its outcome is replayed). ' +
          '409 insufficient_stock or 422 product_unavailable list the lines that cannot be met.',
        security,
        body: ReserveRequest,
        response: { 200: ReservationResponse, 201: ReservationResponse, ...problems(400, 401, 409, 422) },
      },
    },
    async (request, reply) => {
      const { created, reservation } = await reservations.reserve(request.body, actorOf(request));
      return reply.code(created ? 201 : 200).send(reservation);
    },
  );

  const transitions = [
    ['commit', 'Deduct held stock for good (the order is paid)', 404, 409],
    ['release', 'Give held stock back; an unknown order id leaves a tombstone', 409],
    ['restock', 'Put committed stock back (order cancelled after payment)', 404, 409],
  ] as const;
  for (const [action, summary, ...statuses] of transitions) {
    app.post(
      `/internal/reservations/:orderId/${action}`,
      {
        onRequest: guards.service,
        schema: {
          tags,
          summary: `${summary}; idempotent`,
          security,
          params: OrderIdParams,
          response: { 200: ReservationStatusResponse, ...problems(400, 401, ...statuses) },
        },
      },
      async (request) => {
        const { orderId, status } = await reservations[action](request.params.orderId, actorOf(request));
        return { orderId, status };
      },
    );
  }
}
