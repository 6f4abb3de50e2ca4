import type { routeEvents } from '@shop/contracts';
import { idempotentHandler, type Bus, type EventEnvelope, type Outbox, type Pool } from '@shop/platform';
import { storesOn } from '../data/database.js';
import type { Stores } from '../domain/deps.js';

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
 * Subscribes `consumer.name` to its router's events. Each event takes effect once (the inbox
 * row and the handler's writes commit together) on stores bound to that transaction;
 * `afterCommit` runs once the effect is durable.
 */
export async function consume(
  bus: Bus,
  pool: Pool,
  outbox: Outbox,
  consumer: Consumer,
  afterCommit?: () => void,
): Promise<void> {
  const handle = idempotentHandler(pool, consumer.name, (tx, event) =>
    consumer.router.handle({ stores: storesOn(tx, outbox, tx), event }, event),
  );
  await bus.consume({ name: consumer.name, events: consumer.router.types }, async (event) => {
    await handle(event);
    afterCommit?.();
  });
}
