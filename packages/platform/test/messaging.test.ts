import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import {
  OutboxRelay,
  createApp,
  createGuards,
  createTokenVerifier,
  registerDeadLetterRoutes,
  PgBossBus,
  createOutbox,
  createPool,
  idempotentHandler,
  runMigrations,
  withTransaction,
  type EventEnvelope,
  type Pool,
} from '@shop/platform';
import { createTestDatabase, createTestIssuer, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

describe('outbox → relay → bus → idempotent consumer', () => {
  let serviceDb: TestDatabase;
  let busDb: TestDatabase;
  let pool: Pool;
  let bus: PgBossBus;
  let relay: OutboxRelay;
  const outbox = createOutbox('users');

  before(async () => {
    serviceDb = await createTestDatabase('platform_msg');
    busDb = await createTestDatabase('platform_bus');
    pool = createPool({ connectionString: serviceDb.url });
    await runMigrations(pool);
    await pool.query('CREATE TABLE received (event_id uuid, email text)');
    bus = new PgBossBus({ connectionString: busDb.url, log, retryLimit: 1, retryDelaySeconds: 1 });
    await bus.start();
    relay = new OutboxRelay({ pool, connectionString: serviceDb.url, bus, log, sweepMs: 200 });
  });

  after(async () => {
    await relay.stop();
    await bus.stop();
    await pool.end();
    await serviceDb.drop();
    await busDb.drop();
  });

  test('an event written in a transaction is delivered once, even when the relay publishes it twice', async () => {
    const subscription = { name: 'test.user-events', events: ['user.registered.v1'] };
    await bus.consume(
      subscription,
      idempotentHandler(pool, subscription.name, async (tx, event) => {
        const payload = event.payload as { email: string };
        await tx.query('INSERT INTO received (event_id, email) VALUES ($1, $2)', [event.id, payload.email]);
      }),
    );
    const [envelope] = await withTransaction(pool, (tx) =>
      outbox.append(tx, [
        { type: 'user.registered.v1', aggregateId: 'u1', payload: { email: 'a@example.com' } },
      ]),
    );
    await relay.start();
    await waitFor(async () => {
      const { rows } = await pool.query('SELECT published_at FROM outbox WHERE event_id = $1', [
        envelope!.id,
      ]);
      assert.ok(rows[0].published_at, 'relayed');
    });
    // Deliver again: the relay forgets it published (a crash before marking), and the bus gets a duplicate.
    await pool.query('UPDATE outbox SET published_at = NULL WHERE event_id = $1', [envelope!.id]);
    relay.wake();
    await bus.publish([envelope!]);

    await waitFor(async () => {
      const { rows } = await pool.query('SELECT published_at FROM outbox WHERE event_id = $1', [
        envelope!.id,
      ]);
      assert.ok(rows[0].published_at, 'relayed again');
    });
    await new Promise((r) => setTimeout(r, 1500)); // let any duplicate job be worked
    const { rows } = await pool.query('SELECT * FROM received');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].email, 'a@example.com');
  });

  test('a rolled-back transaction publishes nothing', async () => {
    await assert.rejects(
      withTransaction(pool, async (tx) => {
        await outbox.append(tx, [
          { type: 'user.registered.v1', aggregateId: 'u2', payload: { email: 'b@example.com' } },
        ]);
        throw new Error('business rule failed');
      }),
    );
    const { rows } = await pool.query(`SELECT * FROM outbox WHERE aggregate_id = 'u2'`);
    assert.equal(rows.length, 0);
  });

  test('a handler that keeps failing ends in the dead-letter store and can be replayed', async () => {
    let failures = 0;
    let fail = true;
    const subscription = { name: 'test.flaky', events: ['thing.happened.v1'] };
    await bus.consume(
      subscription,
      idempotentHandler(pool, subscription.name, async (tx, event) => {
        if (fail) {
          failures++;
          throw new Error('downstream is broken');
        }
        await tx.query('INSERT INTO received (event_id, email) VALUES ($1, $2)', [event.id, 'flaky']);
      }),
    );
    const event: EventEnvelope = {
      id: crypto.randomUUID(),
      type: 'thing.happened.v1',
      source: 'test',
      aggregateId: 'x',
      occurredAt: new Date().toISOString(),
      payload: {},
    };
    await bus.publish([event]);
    const [dead] = await waitFor(
      async () => {
        const letters = await bus.deadLetters([subscription.name]);
        assert.equal(letters.length, 1);
        return letters;
      },
      { timeoutMs: 20_000 },
    );
    assert.equal(dead!.event.id, event.id);
    assert.match(dead!.error ?? '', /downstream is broken/);
    assert.ok(failures >= 2, 'retried before dead-lettering');

    // Admins see it and replay it over HTTP.
    const issuer = await createTestIssuer();
    const app = await createApp({ service: 'test', logLevel: 'silent' });
    registerDeadLetterRoutes(app, {
      bus,
      subscriptions: [subscription.name],
      guards: createGuards(createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }), {
        service: 'test',
      }),
    });
    const admin = { authorization: `Bearer ${await issuer.userToken('a1', ['admin'])}` };
    const customer = { authorization: `Bearer ${await issuer.userToken('c1')}` };
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/admin/dead-letters', headers: customer })).statusCode,
      403,
    );
    const listed = await app.inject({ method: 'GET', url: '/api/v1/admin/dead-letters', headers: admin });
    assert.deepEqual(
      listed.json().items.map((l: { event: { id: string } }) => l.event.id),
      [event.id],
    );
    const unknown = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/other.queue/${dead!.id}/replay`,
      headers: admin,
    });
    assert.equal(unknown.statusCode, 404);
    fail = false;
    const replayed = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${subscription.name}/${dead!.id}/replay`,
      headers: admin,
    });
    assert.equal(replayed.statusCode, 202);
    await waitFor(async () => {
      const { rows } = await pool.query(`SELECT * FROM received WHERE email = 'flaky'`);
      assert.equal(rows.length, 1);
    });
    assert.deepEqual(await bus.deadLetters([subscription.name]), []);
  });
});
