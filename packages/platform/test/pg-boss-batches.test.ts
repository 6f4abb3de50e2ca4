/**
 * Consumers fetch events in batches and handle them one by one: a backlog drains without the
 * polling pause between full batches, and one failing event in a batch is retried alone.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let busDb: TestDatabase;
const buses: PgBossBus[] = [];

before(async () => {
  busDb = await createTestDatabase('platform_batches');
});

after(async () => {
  for (const bus of buses) await bus.stop();
  await busDb.drop();
});

async function startBus(options: Partial<ConstructorParameters<typeof PgBossBus>[0]>): Promise<PgBossBus> {
  const url = new URL(busDb.url);
  url.searchParams.set('expireInSeconds', '1');
  url.searchParams.set('maintenanceIntervalSeconds', '1');
  const bus = new PgBossBus({ connectionString: url.toString(), log, ...options });
  buses.push(bus);
  await bus.start();
  return bus;
}

function events(type: string, count: number): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type,
    source: 'test',
    aggregateId: `a${i}`,
    occurredAt: new Date().toISOString(),
    payload: { i },
  }));
}

test('a backlog drains batch after batch, without a polling interval between full batches', async () => {
  // With a 60 s polling interval, 12 batches would take 11 minutes if each waited for it.
  const bus = await startBus({ pollingIntervalSeconds: 60, batchSize: 5 });
  const subscription = { name: 'test.backlog', events: ['backlog.item.v1'] };
  await bus.declare(subscription);
  const backlog = events('backlog.item.v1', 60);
  await bus.publish(backlog);

  const handled: string[] = [];
  await bus.consume(subscription, async (event) => void handled.push(event.id), { concurrency: 1 });
  await waitFor(() => assert.equal(handled.length, backlog.length, `${handled.length} of 60 handled`), {
    timeoutMs: 30_000,
  });
  assert.deepEqual(new Set(handled), new Set(backlog.map((e) => e.id)), 'each event of the backlog, once');
});

test('an event that fails in a batch is retried alone; the others of its batch are done', async () => {
  const bus = await startBus({ batchSize: 10, retryDelaySeconds: 1 });
  const subscription = { name: 'test.batch-failure', events: ['batch.item.v1'] };
  await bus.declare(subscription);
  const batch = events('batch.item.v1', 6);
  const failing = batch[2]!.id;
  await bus.publish(batch);

  const deliveries = new Map<string, number>();
  await bus.consume(
    subscription,
    async (event) => {
      const count = (deliveries.get(event.id) ?? 0) + 1;
      deliveries.set(event.id, count);
      if (event.id === failing && count === 1) throw new Error('first attempt fails');
    },
    { concurrency: 1 },
  );
  await waitFor(() => assert.equal(deliveries.get(failing), 2, 'the failed event is delivered again'), {
    timeoutMs: 20_000,
  });
  // Deliveries left unacknowledged would expire after 1 s and come back: give them the time to.
  await sleep(3_000);
  for (const event of batch)
    assert.equal(deliveries.get(event.id), event.id === failing ? 2 : 1, `deliveries of ${event.id}`);
  assert.deepEqual(await bus.deadLetters([subscription.name]), [], 'nothing dead-lettered');
});
