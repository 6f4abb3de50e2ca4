import { Type } from 'typebox';
import type { App } from '../app/create-app.js';
import type { Guards } from '../auth/guards.js';
import { NotFound } from '../errors.js';
import { problems } from '../problem-schema.js';
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
  // Each service serves these: its name keeps the operations apart (listUsersDeadLetters, …).
  const service = options.guards.serviceName.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) =>
    letter.toUpperCase(),
  );
  app.get(
    '/api/v1/admin/dead-letters',
    {
      onRequest: options.guards.role('admin'),
      schema: {
        operationId: `list${service}DeadLetters`,
        tags: ['admin'],
        summary: "This service's dead-lettered events",
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
        operationId: `replay${service}DeadLetter`,
        tags: ['admin'],
        summary: 'Send a dead-lettered event back to its subscription',
        params: Type.Object({
          subscription: Type.String({ maxLength: 200 }),
          id: Type.String({ maxLength: 100 }),
        }),
        response: { 202: Type.Object({ replayed: Type.Literal(true) }), ...problems(404) },
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
