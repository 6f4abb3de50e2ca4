import type pg from 'pg';
import { PgListener } from '../db/pg-listener.js';
import { PeriodicTask } from '../lifecycle/periodic-task.js';
import type { Log as Logger } from '../logger.js';
import type { Bus } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { OUTBOX_CHANNEL } from './outbox.js';

export interface OutboxRelayOptions {
  pool: pg.Pool;
  /** Used for a dedicated LISTEN connection. */
  connectionString: string;
  bus: Bus;
  log: Logger;
  /** Safety-net sweep for rows whose NOTIFY was missed (crash, lost listener). */
  sweepMs?: number;
  batchSize?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionHours?: number;
}

/**
 * Moves committed outbox rows to the bus. It wakes on the NOTIFY sent at commit
 * and also sweeps on a timer, so an event committed just before a crash is still
 * published after restart. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of replicas can relay without publishing a row twice in the normal case
 * (a crash between publish and mark re-publishes it: delivery is at-least-once).
 */
export class OutboxRelay {
  private readonly listener: PgListener;
  private stopped = false;
  private lastCleanup = 0;
  private readonly sweepMs: number;
  private readonly batchSize: number;
  private readonly passes: PeriodicTask;

  constructor(private readonly options: OutboxRelayOptions) {
    this.sweepMs = options.sweepMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.passes = new PeriodicTask({
      name: 'outbox relay pass',
      intervalMs: this.sweepMs,
      log: options.log,
      runAtStart: true,
      run: () => this.drain(),
    });
    this.listener = new PgListener({
      connectionString: options.connectionString,
      channel: OUTBOX_CHANNEL,
      name: 'outbox listener',
      log: options.log,
      retryMs: this.sweepMs,
      whileLost: 'relying on the sweep',
      onNotification: () => this.wake(),
    });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listener.start();
    this.passes.start();
  }

  /** Relays now (or right after the pass in progress). */
  wake(): void {
    this.passes.wake();
  }

  /** Resolves when no relay pass is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    await this.passes.idle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.passes.stop();
    await this.listener.stop();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === this.batchSize) {
      // A full batch: more may be waiting.
    }
    await this.cleanup();
  }

  private async relayBatch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; envelope: EventEnvelope }>(
        `SELECT id, envelope FROM outbox WHERE published_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      try {
        await this.options.bus.publish(rows.map((r) => r.envelope));
      } catch (error) {
        await client.query('ROLLBACK');
        await this.options.pool
          .query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
            rows.map((r) => r.id),
            error instanceof Error ? error.message : String(error),
          ])
          .catch(() => undefined);
        throw error;
      }
      await client.query(
        `UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 10 * 60_000) return;
    this.lastCleanup = Date.now();
    await this.options.pool.query(
      `DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours ?? 72],
    );
  }
}
