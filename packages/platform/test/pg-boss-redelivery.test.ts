/**
 * A consumer that dies mid-handler never acknowledges its delivery: pg-boss hands it out again
 * once it has expired, found by its maintenance pass. Both delays can be set in BUS_URL.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let busDb: TestDatabase;
let bus: PgBossBus;

before(async () => {
  busDb = await createTestDatabase('platform_redelivery');
  const url = new URL(busDb.url);
  url.searchParams.set('expireInSeconds', '1');
  url.searchParams.set('maintenanceIntervalSeconds', '1');
  bus = new PgBossBus({ connectionString: url.toString(), log });
  await bus.start();
});

after(async () => {
  await bus.stop();
  await busDb.drop();
});

test('a delivery its consumer never acknowledged is handed out again after expireInSeconds', async () => {
  const subscription = { name: 'test.redelivery', events: ['thing.happened.v1'] };
  const deliveries: string[] = [];
  let releaseFirst: () => void = () => undefined;
  await bus.consume(subscription, async (event) => {
    deliveries.push(event.id);
    // The first delivery hangs, as in a process killed mid-handler; the redelivery completes.
    if (deliveries.length === 1) await new Promise<void>((resolve) => (releaseFirst = resolve));
  });
  const event: EventEnvelope = {
    id: '6c1f4a56-4c55-4d43-9d5b-3b8f0c6a9e01',
    type: 'thing.happened.v1',
    source: 'test',
    aggregateId: 'a1',
    occurredAt: new Date().toISOString(),
    payload: {},
  };
  await bus.publish([event]);
  await waitFor(() => assert.deepEqual(deliveries, [event.id, event.id], 'delivered again'), {
    timeoutMs: 20_000,
  });
  releaseFirst();
  assert.deepEqual(await bus.deadLetters([subscription.name]), [], 'a redelivery is no dead letter');
});

test('bus settings in the URL are checked', () => {
  assert.throws(
    () => new PgBossBus({ connectionString: `${busDb.url}?expireInSeconds=0`, log }),
    /BUS_URL: expireInSeconds must be a whole number of seconds, at least 1 \(got "0"\)/,
  );
  assert.throws(
    () => new PgBossBus({ connectionString: `${busDb.url}?retryLimit=-1`, log }),
    /BUS_URL: retryLimit must be a whole number of retries, at least 0 \(got "-1"\)/,
  );
});
