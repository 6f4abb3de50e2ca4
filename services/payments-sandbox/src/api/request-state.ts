import type { FastifyRequest } from 'fastify';
import { newRequestId } from '../domain/ids.js';
import type { RequestInfo } from '../domain/ports.js';
import type { Fault } from '../settings.js';

/** What the Stripe API layer knows about one call: its `req_…` id, its drawn fault, its idempotency key. */
export interface StripeRequestState {
  requestId: string;
  fault: Fault;
  idempotencyKey: string | null;
}

const states = new WeakMap<FastifyRequest, StripeRequestState>();

export function stateOf(request: FastifyRequest): StripeRequestState {
  let state = states.get(request);
  if (!state) {
    state = { requestId: newRequestId(), fault: null, idempotencyKey: null };
    states.set(request, state);
  }
  return state;
}

/** The `request` member of the events this call causes. */
export function requestInfo(request: FastifyRequest): RequestInfo {
  const state = stateOf(request);
  return { id: state.requestId, idempotencyKey: state.idempotencyKey };
}
