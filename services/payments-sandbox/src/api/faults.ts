import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Settings } from '../settings.js';
import { stateOf } from './request-state.js';
import { UNKNOWN_ERROR, sendStripeError } from './stripe-errors.js';

/** Added latency, before anything else happens (like a slow network). */
export function registerLatency(scope: FastifyInstance, settings: Settings): void {
  scope.addHook('onRequest', async () => {
    const { latencyMs } = settings.get();
    if (latencyMs > 0) await sleep(latencyMs);
  });
}

/**
 * Failures Stripe's clients must survive: a 500 before the call does anything
 * (nothing saved under its idempotency key, so a retry runs it), or a connection
 * that drops after the work is done (the retry must get the saved answer).
 */
export function registerFaults(scope: FastifyInstance, settings: Settings): void {
  scope.addHook('onRequest', async (request, reply) => {
    const fault = settings.drawFault();
    stateOf(request).fault = fault;
    if (fault === 'error') return sendStripeError(reply, 500, UNKNOWN_ERROR);
  });
  scope.addHook('onSend', async (request, reply, payload) => {
    if (stateOf(request).fault === 'disconnect') {
      request.log.warn('fault injected: dropping the connection after the work was done');
      reply.raw.destroy();
    }
    return payload;
  });
}
