import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Settings } from '../settings.js';
import { stateOf } from './request-state.js';
import { UNKNOWN_ERROR, sendStripeError } from './stripe-errors.js';

/**
 * Draws the call's fault; an `error` is Stripe's 500 before the call does anything,
 * so nothing is saved under its idempotency key and a retry runs it.
 */
export function registerFailures(scope: FastifyInstance, settings: Settings): void {
  scope.addHook('onRequest', async (request, reply) => {
    const fault = settings.drawFault();
    stateOf(request).fault = fault;
    if (fault === 'error') return sendStripeError(reply, 500, UNKNOWN_ERROR);
  });
}

/**
 * After the work is done (and its answer saved under the idempotency key): added
 * latency, then maybe a dropped connection. A caller that gives up or loses the
 * answer does not know whether it happened; its retry must get the saved answer.
 * Registered after the idempotency hooks so it runs after the answer is saved.
 */
export function registerSlowAndLostAnswers(scope: FastifyInstance, settings: Settings): void {
  scope.addHook('onSend', async (request, reply, payload) => {
    const { latencyMs } = settings.get();
    if (latencyMs > 0) await sleep(latencyMs);
    if (stateOf(request).fault === 'disconnect') {
      request.log.warn('fault injected: dropping the connection after the work was done');
      reply.raw.destroy();
    }
    return payload;
  });
}
