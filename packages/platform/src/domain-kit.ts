/**
 * What a service's domain/ may take from the platform: named errors, id and client-address
 * rules, the shape of an event it hands to the outbox. Nothing here loads a framework or a
 * driver (the lint rule sends domain/ here instead of the `@shop/platform` barrel, which loads
 * Fastify, pg and the bus adapters).
 */
export {
  AppError,
  BadRequest,
  Conflict,
  defineError,
  Forbidden,
  NotFound,
  PreconditionFailed,
  ServiceUnavailable,
  TooManyRequests,
  Unauthenticated,
  type AppErrorClass,
  type AppErrorOptions,
  type ErrorKind,
  type FieldProblem,
} from './errors.js';
export { isUuid } from './ids.js';
export { clientKey } from './http/client-key.js';
export type { EventEnvelope, NewEvent } from './messaging/envelope.js';
