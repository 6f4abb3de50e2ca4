import type { EventContract } from './define-event.js';
import * as orders from './order-events.js';
import * as products from './product-events.js';
import * as users from './user-events.js';

/** Every published contract by its versioned type, for validation at the consumer. */
export const allEvents: Record<string, EventContract> = Object.fromEntries(
  [...Object.values(users), ...Object.values(products), ...Object.values(orders)].map((c) => [c.type, c]),
);
