import { Type } from 'typebox';
import type { App } from '../app/create-app.js';
import type { Guards } from '../auth/guards.js';
import { NotFound } from '../errors.js';
import type { Bus } from './bus.js';

/** One dead letter as the admin routes show it (the gateway merges these from every service). */
export const DeadLetterView = Type.Object({
  id: Type.String(),
  subscription: Type.String(),
  failedAt: Type.String({ format: 'date-time' }),
  error: Type.Union([Type.String(), Type.Null()]),
  event: Type.Object({
    id: Type.String(),
    type: Type.String(),
    source: Type.String(),
    aggregateId: Type.String(),
    occurredAt: Type.String(),
    payload: Type.Unknown(),
  }),
});

export interface DeadLetterRoutesOptions {
  bus: Bus;
  /** The subscriptions this service consumes. */
  subscriptions: string[];
  guards: Guards;
}

/**
 * Admin view of this service's dead letters (events whose handler kept failing after
 * its retries) and a replay that sends one back to its subscription. The gateway
 * gathers every service's list at /api/v1/admin/dead-letters.
 */
export function registerDeadLetterRoutes(app: App, options: DeadLetterRoutesOptions): void {
  const known = new Set(options.subscriptions);
  app.get(
    '/api/v1/admin/dead-letters',
    {
      onRequest: options.guards.role('admin'),
      schema: {
        tags: ['admin'],
        summary: "This service's dead-lettered events",
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ items: Type.Array(DeadLetterView) }) },
      },
    },
    async () => {
      const letters = await options.bus.deadLetters(options.subscriptions);
      return { items: letters.map((letter) => ({ ...letter, error: letter.error ?? null })) };
    },
  );
  app.post(
    '/api/v1/admin/dead-letters/:subscription/:id/replay',
    {
      onRequest: options.guards.role('admin'),
      schema: {
        tags: ['admin'],
        summary: 'Send a dead-lettered event back to its subscription',
        security: [{ bearer: [] }],
        params: Type.Object({
          subscription: Type.String({ maxLength: 200 }),
          id: Type.String({ maxLength: 100 }),
        }),
        response: { 202: Type.Object({ replayed: Type.Literal(true) }) },
      },
    },
    async (request, reply) => {
      const { subscription, id } = request.params;
      if (!known.has(subscription) || !(await options.bus.replayDeadLetter(subscription, id))) {
        throw new NotFound(`No dead letter ${id} in ${subscription}.`);
      }
      return reply.code(202).send({ replayed: true });
    },
  );
}
