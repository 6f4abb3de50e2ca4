import type pg from 'pg';
import { withTransaction } from '../db/pool.js';
import { contextFrom, runWithContext } from '../request-context.js';
import type { EventHandler, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

export type TransactionalHandler = (transaction: pg.PoolClient, event: EventEnvelope) => Promise<void>;

/**
 * Wraps a handler so each event takes effect once: the event id goes into the
 * `processed_events` inbox in the same transaction as the handler's writes. A
 * redelivered event finds its id there and is acknowledged without effect. The
 * bus acknowledges only after this resolves, i.e. after the commit.
 */
export function idempotentHandler(
  pool: pg.Pool,
  consumer: string,
  handle: TransactionalHandler,
): EventHandler {
  return async (event) => {
    const context = contextFrom({ requestId: event.requestId, traceparent: event.traceparent });
    await runWithContext(context, () =>
      withTransaction(pool, async (transaction) => {
        const inserted = await transaction.query(
          `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [consumer, event.id],
        );
        if (inserted.rowCount === 0) return;
        await handle(transaction, event);
      }),
    );
  };
}

/** A subscription with the handler that consumes it: what `bus.consume` takes, and what tests call. */
export interface EventConsumer {
  subscription: Subscription;
  handler: EventHandler;
}

/** An `idempotentHandler` for a subscription, deduplicating under the subscription's name. */
export function idempotentConsumer(
  pool: pg.Pool,
  subscription: Subscription,
  handle: TransactionalHandler,
): EventConsumer {
  return { subscription, handler: idempotentHandler(pool, subscription.name, handle) };
}
