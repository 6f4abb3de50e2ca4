import type { EventContract } from './define-event.js';
import * as orders from './order-events.js';
import * as products from './product-events.js';
import * as users from './user-events.js';

/** Every published contract by its versioned type, for validation at the consumer. */
export const allEvents: Record<string, EventContract> = Object.fromEntries(
  [...Object.values(users), ...Object.values(products), ...Object.values(orders)].map((c) => [c.type, c]),
);

/**
 * The one service that publishes each event type (the envelope's `source`). A consumer refuses an
 * event of a type from anyone else: on NATS each service may publish only its own subjects, and
 * the consumer ties the claim in the envelope to that.
 */
export const producerOf: Record<string, string> = Object.fromEntries([
  ...Object.values(users).map((c) => [c.type, 'users']),
  ...Object.values(products).map((c) => [c.type, 'products']),
  ...Object.values(orders).map((c) => [c.type, 'orders']),
]);
