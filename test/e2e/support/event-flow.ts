/**
 * Faults and checks on the stack's event flow (outboxes → relays → pg-boss bus → consumers): cutting
 * the bus off, waiting until every event has been handled, and publishing the whole history again.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { DatabaseName } from '@shop/launcher';
import { PgBossBus, type EventEnvelope, type Log } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import type { ShopDatabases } from './databases.js';
import { api } from './api.js';
import type { Shop } from './shop.js';

/** The services that publish events; their outboxes are what the bus carries. */
export const PRODUCERS = ['users', 'products', 'orders'] as const;

/**
 * Makes the bus database unreachable: new connections are refused and the open ones (relays,
 * consumers, pg-boss maintenance) are cut. Answers the function that lets connections back in.
 */
export async function cutOffBus(databases: ShopDatabases): Promise<() => Promise<void>> {
  const server = await databases.connect('postgres');
  const bus = server.escapeIdentifier(databases.nameOf('bus'));
  await server.query(`ALTER DATABASE ${bus} ALLOW_CONNECTIONS false`);
  await server.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [databases.nameOf('bus')],
  );
  return async () => {
    await server.query(`ALTER DATABASE ${bus} ALLOW_CONNECTIONS true`);
    await server.end();
  };
}

/** Where the event flow stands: nothing pending anywhere, and marks that move with any activity. */
async function flowState(databases: ShopDatabases, pausedQueues: string[]) {
  const outboxes = await Promise.all(
    PRODUCERS.map(async (service) => {
      const [row] = await databases.rows<{ last: string; unpublished: string }>(
        service,
        `SELECT coalesce(max(id), 0) AS last, count(*) FILTER (WHERE published_at IS NULL) AS unpublished
         FROM outbox`,
      );
      return { service, last: Number(row!.last), unpublished: Number(row!.unpublished) };
    }),
  );
  // pg-boss's own table: a job is pending until its handler has committed and acknowledged it.
  const [bus] = await databases.rows<{ pending: string; jobs: string }>(
    'bus',
    `SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active') AND name <> ALL($1)) AS pending,
            count(*) AS jobs
     FROM pgboss.job WHERE name NOT LIKE '%.dead'`,
    [pausedQueues],
  );
  const [mail] = await databases.rows<{ unsent: string; owed: string }>(
    'users',
    `SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) AS unsent, count(*) AS owed
     FROM notifications`,
  );
  return {
    outboxes,
    pendingJobs: Number(bus!.pending),
    jobs: Number(bus!.jobs),
    unsentMails: Number(mail!.unsent),
    owedMails: Number(mail!.owed),
  };
}

/**
 * Waits until every event has been relayed and handled and every owed mail sent: nothing pending,
 * and nothing moved between two looks (an event handled between reading the outboxes and the
 * bus would otherwise go unnoticed). Events may stay queued for the `paused` subscriptions
 * (their consumer is down).
 */
export async function waitUntilSettled(
  databases: ShopDatabases,
  { timeoutMs = 30_000, paused = [] as string[] } = {},
): Promise<void> {
  let previous = '';
  await waitFor(
    async () => {
      const state = await flowState(databases, paused);
      const seen = JSON.stringify(state);
      const unchanged = seen === previous;
      previous = seen;
      assert.ok(
        unchanged &&
          state.pendingJobs === 0 &&
          state.unsentMails === 0 &&
          state.outboxes.every((outbox) => outbox.unpublished === 0),
        `the event flow has not settled: ${seen}`,
      );
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/** The types of the events each producer has not relayed yet, in outbox order. */
export async function unpublishedEvents(databases: ShopDatabases): Promise<Record<string, string[]>> {
  const waiting: Record<string, string[]> = {};
  for (const service of PRODUCERS) {
    const rows = await databases.rows<{ event_type: string }>(
      service,
      `SELECT event_type FROM outbox WHERE published_at IS NULL ORDER BY id`,
    );
    waiting[service] = rows.map((row) => row.event_type);
  }
  return waiting;
}

/** A delivery: one event (its id) in one subscription's queue (its name). */
export type Job = { id: string; name: string };

/**
 * Waits until each subscription has a delivery in flight (its handler started) while more wait
 * behind them, and each consuming service has at least one handler per subscription waiting on
 * a lock: the consumers are in the middle of a burst. Answers the deliveries in flight.
 */
export async function waitForHandlersInFlight(
  databases: ShopDatabases,
  subscriptionsOf: Partial<Record<DatabaseName, string[]>>,
): Promise<Job[]> {
  const subscriptions = Object.values(subscriptionsOf).flat();
  return waitFor(
    async () => {
      const jobs = await databases.rows<Job & { state: string }>(
        'bus',
        `SELECT id, name, state FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'active')`,
        [subscriptions],
      );
      const active = jobs.filter((job) => job.state === 'active');
      assert.deepEqual(
        [...new Set(active.map((job) => job.name))].sort(),
        [...subscriptions].sort(),
        `each subscription has a handler in flight: ${JSON.stringify(jobs)}`,
      );
      // Behind the handlers, more events: still queued, or fetched in a handler's batch and not started.
      assert.ok(jobs.length > subscriptions.length, `more events wait behind them: ${JSON.stringify(jobs)}`);
      for (const [database, names] of Object.entries(subscriptionsOf)) {
        const [waiting] = await databases.rows<{ count: string }>(
          database as DatabaseName,
          `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        assert.ok(Number(waiting!.count) >= names.length, `${database}: the handlers wait on the lock`);
      }
      return active.map((job) => ({ id: job.id, name: job.name }));
    },
    { timeoutMs: 20_000 },
  );
}

/** Where these deliveries ended, and how many times each was handed out again. */
export async function deliveryOutcomes(databases: ShopDatabases, jobs: Job[]) {
  return databases.rows<{ state: string; retry_count: number }>(
    'bus',
    // A job's id is its event's id, the same in every subscription's queue.
    `SELECT state, retry_count FROM pgboss.job
     WHERE (name, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))`,
    [jobs.map((job) => job.name), jobs.map((job) => job.id)],
  );
}

/** How many events each consumer has taken in (its inbox rows, one per event id). */
export async function inboxSizes(databases: ShopDatabases): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const service of PRODUCERS) {
    const rows = await databases.rows<{ consumer: string; count: string }>(
      service,
      `SELECT consumer, count(*) FROM processed_events GROUP BY consumer`,
    );
    for (const row of rows) sizes[row.consumer] = Number(row.count);
  }
  return sizes;
}

/** The dead letters of every service, through the gateway's admin route. */
export async function deadLetters(shop: Shop, admin: string) {
  const answer = await api(shop, 'get', '/api/v1/admin/dead-letters', { token: admin, expect: 200 });
  assert.deepEqual(answer.body.unavailable, [], 'every service answered');
  return answer.body.items;
}

/**
 * Delivers the whole history once more, twice over: every producer's relay publishes its outbox
 * again under the same event ids (as after a crash between publishing and marking), and every
 * event is also published under a new id (the same fact told by another event), all of these in
 * a shuffled order. Answers how many new-id copies each subscription was sent.
 */
export async function publishHistoryAgain(
  shop: Shop,
  databases: ShopDatabases,
  random: () => number,
): Promise<Record<string, number>> {
  const history: EventEnvelope[] = [];
  for (const service of PRODUCERS) {
    const rows = await databases.rows<{ envelope: EventEnvelope }>(
      service,
      `SELECT envelope FROM outbox ORDER BY id`,
    );
    history.push(...rows.map((row) => row.envelope));
  }
  const copies = shuffle(
    history.map((event) => ({ ...event, id: randomUUID() })),
    random,
  );
  await Promise.all(
    PRODUCERS.map((service) => databases.rows(service, `UPDATE outbox SET published_at = NULL`)),
  );
  await publishInOrder(shop, copies);
  const subscribed = await databases.rows<{ event: string; name: string }>(
    'bus',
    `SELECT event, name FROM pgboss.subscription`,
  );
  const sent: Record<string, number> = {};
  for (const { event, name } of subscribed) {
    sent[name] = (sent[name] ?? 0) + copies.filter((copy) => copy.type === event).length;
  }
  return sent;
}

/**
 * For a consumer that is down: takes the events waiting in its subscriptions' queues out of the
 * bus (pg-boss's job table) and publishes them back shuffled, each twice (under its own id and
 * under a new one), so that the consumer's first delivery of them is out of order. The other
 * subscriptions already handled them: under their own ids they are not queued there again (the
 * job id is the event id), under the new ids they are, as further duplicates. Answers how many
 * events were waiting.
 */
export async function shuffleWaitingEvents(
  shop: Shop,
  databases: ShopDatabases,
  subscriptions: string[],
  random: () => number,
): Promise<number> {
  const taken = await databases.rows<{ data: EventEnvelope }>(
    'bus',
    `DELETE FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry') RETURNING data`,
    [subscriptions],
  );
  const waiting = [...new Map(taken.map((job) => [job.data.id, job.data])).values()];
  await publishInOrder(
    shop,
    shuffle(
      waiting.flatMap((event) => [event, { ...event, id: randomUUID() }]),
      random,
    ),
  );
  return waiting.length;
}

/** Publishes one event at a time, so that consumers meet them in this order (give or take their concurrency). */
async function publishInOrder(shop: Shop, events: EventEnvelope[]): Promise<void> {
  const connectionString = shop.stack.databases.bus;
  if (!connectionString) throw new Error('events are published through pg-boss: this stack runs another bus');
  const bus = new PgBossBus({ connectionString, log: quiet });
  await bus.start();
  try {
    for (const event of events) await bus.publish([event]);
  } finally {
    await bus.stop();
  }
}

/** A deterministic random source (mulberry32), so that a failing order can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

const silent = () => undefined;
const quiet: Log = { debug: silent, info: silent, warn: silent, error: silent, fatal: silent };
