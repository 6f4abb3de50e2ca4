import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Log as Logger } from '../logger.js';
import type { Bus, ConsumeOptions, DeadLetter, EventHandler, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

export interface PgBossBusOptions {
  /**
   * A PostgreSQL database of its own (the launcher creates `bus`). The query parameters
   * `expireInSeconds`, `maintenanceIntervalSeconds`, `retryLimit` and `retryDelaySeconds` set the
   * options below (taken out of the URL before it reaches PostgreSQL), so that BUS_URL alone can
   * tune a deployment.
   */
  connectionString: string;
  log: Logger;
  /** Deliveries of one event before it is dead-lettered. */
  retryLimit?: number;
  /** First retry delay in seconds; doubles each time. */
  retryDelaySeconds?: number;
  /** How often an idle consumer looks for events. Default 0.5. */
  pollingIntervalSeconds?: number;
  /** Events a consumer fetches at once (then handles one by one). Default 20. */
  batchSize?: number;
  /**
   * A delivery still unacknowledged after this long (its consumer died mid-handler) counts as
   * failed and is retried. Default 30; keep it above the slowest handler (ours take milliseconds).
   */
  expireInSeconds?: number;
  /**
   * How often expired deliveries are looked for (pg-boss maintenance, once per cluster). Default 30,
   * so what a killed consumer held is handed out again within about a minute.
   */
  maintenanceIntervalSeconds?: number;
}

/** The settings BUS_URL may carry, each a whole number with its least value. */
const URL_SETTINGS = {
  expireInSeconds: { least: 1, unit: 'seconds' },
  maintenanceIntervalSeconds: { least: 1, unit: 'seconds' },
  retryLimit: { least: 0, unit: 'retries' },
  retryDelaySeconds: { least: 1, unit: 'seconds' },
} as const;
type UrlSetting = keyof typeof URL_SETTINGS;

/** Splits the bus's own settings out of a connection string; the rest goes to PostgreSQL unchanged. */
function pgBossUrlSettings(connectionString: string): {
  connectionString: string;
  settings: Partial<Record<UrlSetting, number>>;
} {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return { connectionString, settings: {} };
  }
  const settings: Partial<Record<UrlSetting, number>> = {};
  for (const [name, { least, unit }] of Object.entries(URL_SETTINGS) as [
    UrlSetting,
    (typeof URL_SETTINGS)[UrlSetting],
  ][]) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < least) {
      throw new Error(
        `BUS_URL: ${name} must be a whole number of ${unit}, at least ${least} (got "${value}")`,
      );
    }
    settings[name] = number;
    url.searchParams.delete(name);
  }
  return { connectionString: Object.keys(settings).length > 0 ? url.toString() : connectionString, settings };
}

const SCHEMA = 'pgboss';
const deadLetterQueue = (name: string) => `${name}.dead`;

/**
 * The embedded-default bus: pg-boss queues in their own PostgreSQL database.
 * Each subscription is a queue; an event type fans out to every queue subscribed
 * to it. Publishing inserts with the event id as job id, so publishing the same
 * event twice leaves one job per queue. Failed jobs retry with backoff, then move
 * to `<queue>.dead`, where they wait to be inspected and replayed.
 */
export class PgBossBus implements Bus {
  private readonly boss: PgBoss;
  private readonly connectionString: string;
  private readonly expireInSeconds: number;
  private readonly retryLimit: number;
  private readonly retryDelaySeconds: number;
  private started = false;

  constructor(private readonly options: PgBossBusOptions) {
    const { connectionString, settings } = pgBossUrlSettings(options.connectionString);
    this.connectionString = connectionString;
    this.expireInSeconds = options.expireInSeconds ?? settings.expireInSeconds ?? 30;
    this.retryLimit = options.retryLimit ?? settings.retryLimit ?? 5;
    this.retryDelaySeconds = options.retryDelaySeconds ?? settings.retryDelaySeconds ?? 1;
    const maintenanceIntervalSeconds =
      options.maintenanceIntervalSeconds ?? settings.maintenanceIntervalSeconds ?? 30;
    this.boss = new PgBoss({
      connectionString,
      maintenanceIntervalSeconds,
      schema: SCHEMA,
      max: 4,
      application_name: 'bus',
      schedule: false,
      supervise: true,
      migrate: true,
    });
    this.boss.on('error', (error) => options.log.warn({ err: error }, 'bus error'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
  }

  async declare(subscription: Subscription): Promise<void> {
    await this.oneAtATime(() => this.declareNow(subscription));
  }

  /**
   * Replicas starting together declare the same queues: pg-boss's createQueue run concurrently
   * deadlocks (measured: two products replicas, 40P01), so declarations take turns under a
   * session advisory lock on a connection of their own.
   */
  private async oneAtATime(work: () => Promise<void>): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'bus-declare',
    });
    // A server restart while it waits or holds the lock must fail this start, not crash the process.
    client.on('error', (error) => this.options.log.warn({ err: error }, 'bus declaration connection lost'));
    await client.connect();
    try {
      // Bounded: a replica stuck while declaring must not hold every other one's start for ever.
      await client.query(`SET lock_timeout = '30s'`);
      await client.query(`SELECT pg_advisory_lock(hashtextextended('shop.bus.declare', 0))`);
      await work();
    } finally {
      await client.end().catch(() => undefined); // ends the session, and its lock with it
    }
  }

  private async declareNow(subscription: Subscription): Promise<void> {
    const dead = deadLetterQueue(subscription.name);
    if (!(await this.boss.getQueue(dead)))
      await this.boss.createQueue(dead, { name: dead, retentionDays: 30 });
    const settings = {
      name: subscription.name,
      retryLimit: this.retryLimit,
      retryDelay: this.retryDelaySeconds,
      retryBackoff: true,
      deadLetter: dead,
      expireInSeconds: this.expireInSeconds,
    };
    if (await this.boss.getQueue(subscription.name)) await this.boss.updateQueue(subscription.name, settings);
    else await this.boss.createQueue(subscription.name, settings);
    for (const event of subscription.events) await this.boss.subscribe(event, subscription.name);
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    // Not boss.publish(): it swallows failed sends, and the outbox must know.
    const { rows } = await this.boss
      .getDb()
      .executeSql(`SELECT event, name FROM ${SCHEMA}.subscription WHERE event = ANY($1::text[])`, [
        [...new Set(events.map((e) => e.type))],
      ]);
    const queuesByEvent = new Map<string, string[]>();
    for (const row of rows as { event: string; name: string }[]) {
      queuesByEvent.set(row.event, [...(queuesByEvent.get(row.event) ?? []), row.name]);
    }
    const jobs = events.flatMap((event) =>
      (queuesByEvent.get(event.type) ?? []).map((queue) => ({ id: event.id, name: queue, data: event })),
    );
    if (jobs.length > 0) await this.boss.insert(jobs);
  }

  async consume(
    subscription: Subscription,
    handler: EventHandler,
    options: ConsumeOptions = {},
  ): Promise<void> {
    await this.declare(subscription);
    const workers = options.concurrency ?? 2;
    const batchSize = this.options.batchSize ?? 20;
    for (let i = 0; i < workers; i++) {
      const worker: { id?: string } = {};
      worker.id = await this.boss.work<EventEnvelope>(
        subscription.name,
        { batchSize, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 0.5 },
        async (jobs) => {
          // pg-boss pauses a polling interval after every fetch, even a fruitful one; a full
          // batch means more are waiting, so the next fetch comes at once (a backlog drains at
          // the handlers' pace, not at batchSize per interval).
          if (jobs.length === batchSize && worker.id) this.boss.notifyWorker(worker.id);
          // One by one, each with its own outcome: pg-boss completes the batch's jobs that are
          // still active when this returns, so a failed one is marked failed (and retried) here.
          for (const job of jobs) {
            try {
              await handler(job.data);
            } catch (error) {
              this.options.log.warn(
                {
                  err: error,
                  subscription: subscription.name,
                  eventId: job.data.id,
                  eventType: job.data.type,
                },
                'event handler failed; it will be retried',
              );
              await this.boss.fail(subscription.name, job.id, error as object);
            }
          }
        },
      );
    }
  }

  async deadLetters(subscriptionNames: string[]): Promise<DeadLetter[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id, name, data, output, created_on FROM ${SCHEMA}.job
       WHERE name = ANY($1::text[]) AND state = 'created' ORDER BY created_on LIMIT 500`,
      [subscriptionNames.map(deadLetterQueue)],
    );
    return (
      rows as { id: string; name: string; data: EventEnvelope; output: unknown; created_on: Date }[]
    ).map((row) => ({
      id: row.id,
      subscription: row.name.slice(0, -'.dead'.length),
      event: row.data,
      failedAt: row.created_on.toISOString(),
      error: errorMessage(row.output),
    }));
  }

  async replayDeadLetter(subscription: string, id: string): Promise<boolean> {
    const dead = deadLetterQueue(subscription);
    const job = await this.boss.getJobById<EventEnvelope>(dead, id);
    if (!job || job.state !== 'created') return false;
    // A fresh job id: the event id inside stays, and the consumer's inbox still guards it.
    await this.boss.send(subscription, job.data);
    await this.boss.deleteJob(dead, id);
    return true;
  }

  async ping(): Promise<void> {
    await this.boss.getDb().executeSql('SELECT 1', []);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

function errorMessage(output: unknown): string | undefined {
  if (output && typeof output === 'object' && 'message' in output)
    return String((output as { message: unknown }).message);
  return output === null || output === undefined ? undefined : JSON.stringify(output);
}
