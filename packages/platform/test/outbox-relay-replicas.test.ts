/**
 * Several replicas relay one outbox at once: rows are claimed with FOR UPDATE SKIP LOCKED, so
 * while one relay publishes its batch another takes the next rows, and no row goes out twice.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import {
  OutboxRelay,
  createOutbox,
  createPool,
  runMigrations,
  withTransaction,
  type Bus,
  type EventEnvelope,
  type Pool,
} from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let db: TestDatabase;
let pool: Pool;

before(async () => {
  db = await createTestDatabase('platform_relays');
  pool = createPool({ connectionString: db.url });
  await runMigrations(pool);
});

after(async () => {
  await pool.end();
  await db.drop();
});

/** A bus that records what one relay published; its first batch waits until the other relay publishes too. */
function recordingBus(published: string[], firstBatchWaitsFor: Promise<void>, entered: () => void): Bus {
  let first = true;
  return {
    async publish(events: EventEnvelope[]) {
      entered();
      if (first) {
        first = false;
        await firstBatchWaitsFor;
      }
      published.push(...events.map((e) => e.id));
    },
  } as Bus;
}

test('two relays share one outbox: every event published exactly once, both at work at the same time', async () => {
  const outbox = createOutbox('test');
  await withTransaction(pool, (tx) =>
    outbox.append(
      tx,
      Array.from({ length: 300 }, (_, i) => ({
        type: 'thing.happened.v1',
        aggregateId: `a${i}`,
        payload: { i },
      })),
    ),
  );

  let bEntered: () => void = () => undefined;
  const bStarted = new Promise<void>((resolve) => (bEntered = resolve));
  // Relay A holds its first batch (its rows stay locked) until relay B has published one of its own,
  // or gives up after 5 s: then B never got rows while A held some, and the check below fails.
  let overlapped: boolean | undefined;
  const aMayGoOn = Promise.race([
    bStarted.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]).then((bPublished) => void (overlapped = bPublished));
  const byA: string[] = [];
  const byB: string[] = [];
  const relayA = new OutboxRelay({
    pool,
    connectionString: db.url,
    bus: recordingBus(byA, aMayGoOn, () => undefined),
    log,
    batchSize: 50,
  });
  const relayB = new OutboxRelay({
    pool,
    connectionString: db.url,
    bus: recordingBus(byB, Promise.resolve(), () => bEntered()),
    log,
    batchSize: 50,
  });
  await relayA.start();
  await new Promise((resolve) => setTimeout(resolve, 200)); // A has claimed its first batch
  await relayB.start();
  try {
    await waitFor(
      async () => {
        const { rows } = await pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
        assert.equal(rows[0].n, 0, 'everything published');
      },
      { timeoutMs: 20_000 },
    );
  } finally {
    await relayA.stop();
    await relayB.stop();
  }
  assert.equal(overlapped, true, 'relay B published while relay A held a batch');
  const all = [...byA, ...byB];
  assert.equal(all.length, 300, 'no event published twice');
  assert.equal(new Set(all).size, 300, 'and none missing');
});
