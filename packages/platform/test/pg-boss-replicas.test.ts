/**
 * Replicas of a service start together and declare the same subscriptions on one pg-boss
 * database: declarations take turns (pg-boss's createQueue deadlocks when run concurrently), and
 * the replicas then share each queue, every event handled by one of them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let busDb: TestDatabase;
let replicas: PgBossBus[];

before(async () => {
  busDb = await createTestDatabase('platform_bus_replicas');
  replicas = [1, 2, 3].map(() => new PgBossBus({ connectionString: busDb.url, log }));
  await Promise.all(replicas.map((bus) => bus.start()));
});

after(async () => {
  await Promise.all(replicas.map((bus) => bus.stop()));
  await busDb.drop();
});

test('three replicas declaring and consuming the same subscriptions at once: none fails, each event is handled by one of them', async () => {
  const subscriptions = ['a', 'b', 'c', 'd'].map((what) => ({
    name: `replicas.${what}`,
    events: [`thing.${what}.v1`],
  }));
  const handled = new Map<string, number[]>();
  await Promise.all(
    replicas.flatMap((bus, replica) =>
      subscriptions.map((subscription) =>
        bus.consume(subscription, async (event) => {
          handled.set(event.id, [...(handled.get(event.id) ?? []), replica]);
        }),
      ),
    ),
  );
  const events: EventEnvelope[] = Array.from({ length: 40 }, (_, i) => ({
    id: randomUUID(),
    type: `thing.${'abcd'[i % 4]}.v1`,
    source: 'test',
    aggregateId: `a${i}`,
    occurredAt: new Date().toISOString(),
    payload: { i },
  }));
  await replicas[0]!.publish(events);
  await waitFor(
    () => {
      if (handled.size < events.length) throw new Error(`${handled.size} of ${events.length} handled`);
    },
    { timeoutMs: 20_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 500)); // time for a second delivery to show
  for (const event of events)
    assert.equal(handled.get(event.id)?.length, 1, `event ${event.id} handled once`);
  const byReplica = [0, 1, 2].map((r) => [...handled.values()].filter((who) => who[0] === r).length);
  console.log('events handled per replica:', byReplica.join(', '));
});
