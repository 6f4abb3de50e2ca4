import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  createServiceCore,
  idempotentConsumer,
  runMigrations,
  withTransaction,
  type ServiceCore,
} from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

let serviceDb: TestDatabase;
let busDb: TestDatabase;
let core: ServiceCore;
const stoppedWith: string[] = [];

before(async () => {
  serviceDb = await createTestDatabase('platform_core');
  busDb = await createTestDatabase('platform_core_bus');
  core = await createServiceCore({
    service: 'things',
    config: {
      LOG_LEVEL: 'silent',
      DATABASE_URL: serviceDb.url,
      DATABASE_POOL_SIZE: 4,
      BUS_URL: busDb.url,
      OUTBOX_SWEEP_MS: 100,
    },
    app: { openapi: { title: 'Things', description: 'A service as small as can be.' } },
  });
  await runMigrations(core.pool);
  await core.pool.query('CREATE TABLE seen (event_id uuid PRIMARY KEY, name text)');
  core.consume(
    idempotentConsumer(core.pool, { name: 'things.seen', events: ['thing.named.v1'] }, async (tx, event) => {
      const { name } = event.payload as { name: string };
      await tx.query('INSERT INTO seen (event_id, name) VALUES ($1, $2)', [event.id, name]);
    }),
  );
});

after(async () => {
  await serviceDb.drop();
  await busDb.drop();
});

test('a service core: ready once its bus runs, relays its outbox to its consumers, stops in order', async () => {
  assert.deepEqual(core.subscriptions, ['things.seen']);
  const early = await core.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(early.statusCode, 503);
  assert.deepEqual(early.json().checks, { db: 'ok', bus: 'failing' });
  assert.equal((await core.app.inject({ method: 'GET', url: '/openapi.json' })).json().info.title, 'Things');

  await core.start();
  assert.equal((await core.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  const [event] = await withTransaction(core.pool, (tx) =>
    core.outbox.append(tx, [{ type: 'thing.named.v1', aggregateId: 't1', payload: { name: 'Kettle' } }]),
  );
  assert.equal(event!.source, 'things');
  await waitFor(async () => {
    const { rows } = await core.pool.query('SELECT name FROM seen WHERE event_id = $1', [event!.id]);
    assert.deepEqual(rows, [{ name: 'Kettle' }], 'consumed once');
  });

  await core.stop(async () => {
    stoppedWith.push('before pool end');
    // The bus is stopped by now, and the pool still answers.
    const ready = await core.app.inject({ method: 'GET', url: '/readyz' });
    stoppedWith.push(ready.json().checks.bus);
  });
  assert.deepEqual(stoppedWith, ['before pool end', 'failing']);
  await assert.rejects(core.pool.query('SELECT 1'), /pool/i, 'the pool is closed');
  await core.app.close();
});
