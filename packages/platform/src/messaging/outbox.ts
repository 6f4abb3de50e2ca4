import { randomUUID } from 'node:crypto';
import type { PoolClient } from '../db/pool.js';
import { currentContext, outgoingTraceparent } from '../request-context.js';
import type { EventEnvelope, NewEvent } from './envelope.js';

export const OUTBOX_CHANNEL = 'outbox';

export interface Outbox {
  /**
   * Writes events in the caller's transaction, so they exist exactly when the state
   * change does. The NOTIFY fires at commit and wakes every relay at once.
   */
  append(transaction: PoolClient, events: NewEvent[]): Promise<EventEnvelope[]>;
  /**
   * Deletes the events of one aggregate that were already published (the relay's retention
   * would keep them for days): e.g. the personal data in a deleted account's events.
   * Unpublished ones stay, so that consumers still hear about them.
   */
  erasePublished(transaction: PoolClient, aggregateId: string): Promise<number>;
}

export function createOutbox(source: string): Outbox {
  return {
    async append(transaction, events) {
      if (events.length === 0) return [];
      const context = currentContext();
      const traceparent = outgoingTraceparent(context);
      const now = new Date().toISOString();
      const envelopes: EventEnvelope[] = events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        source,
        aggregateId: event.aggregateId,
        ...(event.aggregateVersion === undefined ? {} : { aggregateVersion: event.aggregateVersion }),
        occurredAt: now,
        ...(context ? { requestId: context.requestId } : {}),
        ...(traceparent ? { traceparent } : {}),
        payload: event.payload,
      }));
      await transaction.query(
        `INSERT INTO outbox (event_id, event_type, aggregate_id, envelope)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
        [
          envelopes.map((e) => e.id),
          envelopes.map((e) => e.type),
          envelopes.map((e) => e.aggregateId),
          envelopes.map((e) => JSON.stringify(e)),
        ],
      );
      await transaction.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
      return envelopes;
    },

    async erasePublished(transaction, aggregateId) {
      const result = await transaction.query(
        `DELETE FROM outbox WHERE aggregate_id = $1 AND published_at IS NOT NULL`,
        [aggregateId],
      );
      return result.rowCount ?? 0;
    },
  };
}
