import type { routeEvents } from '@shop/contracts';
import {
  idempotentConsumer,
  type EventConsumer,
  type EventEnvelope,
  type Outbox,
  type Pool,
} from '@shop/platform';
import { storesOn, type Stores } from '../data/database.js';

/** What a route gets: the stores, bound to the event's transaction, and the whole envelope. */
export interface Handling {
  stores: Stores;
  event: EventEnvelope;
}

export interface Consumer {
  name: string;
  router: ReturnType<typeof routeEvents<Handling>>;
}

/**
 * `consumer.name` subscribed to its router's events. Each event takes effect once (the inbox
 * row and the handler's writes commit together) on stores bound to that transaction;
 * `afterCommit` runs once the effect is durable.
 */
export function eventConsumer(
  pool: Pool,
  outbox: Outbox,
  consumer: Consumer,
  afterCommit?: () => void,
): EventConsumer {
  const { subscription, handler } = idempotentConsumer(
    pool,
    { name: consumer.name, events: consumer.router.types },
    (tx, event) => consumer.router.handle({ stores: storesOn(tx, outbox, tx), event }, event),
  );
  if (!afterCommit) return { subscription, handler };
  return {
    subscription,
    handler: async (event) => {
      await handler(event);
      afterCommit();
    },
  };
}
