import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import pino from 'pino';
import { productDeleted, productSnapshot } from './event-factory.js';
import {
  count,
  login,
  register,
  signUp,
  startTestApp,
  strongPassword,
  uniqueEmail,
  type TestApp,
} from './test-app.js';

const log = pino({ level: 'silent' });

describe('events through the outbox and the bus', () => {
  let t: TestApp;
  let bus: PgBossBus;
  const received: EventEnvelope[] = [];
  before(async () => {
    t = await startTestApp({ withBus: true });
    // Another service's consumer, on the same bus.
    bus = new PgBossBus({ connectionString: t.config.BUS_URL, log });
    await bus.start();
    await bus.consume(
      { name: 'test.user-events', events: ['user.registered.v1', 'user.deleted.v1'] },
      async (event) => {
        received.push(event);
      },
    );
  });
  after(async () => {
    await bus.stop();
    await t.close();
  });

  test('readiness is green once the bus is started', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200, ready.body);
  });

  test('user.registered.v1 reaches a consumer once; the outbox row is marked published', async () => {
    const user = await register(t);
    const event = await waitFor(() => {
      const found = received.filter((e) => e.aggregateId === user.id);
      assert.equal(found.length, 1, 'delivered');
      return found[0]!;
    });
    assert.equal(event.type, 'user.registered.v1');
    assert.equal(event.source, 'users');
    assert.deepEqual(event.payload, { userId: user.id, email: user.email, name: 'Ada Lovelace' });
    assert.equal(
      await count(t, 'SELECT 1 FROM outbox WHERE aggregate_id = $1 AND published_at IS NOT NULL', [user.id]),
      1,
    );
  });

  test('a failed registration leaves no event', async () => {
    const user = await register(t);
    const before = await count(t, 'SELECT 1 FROM outbox');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email, password: strongPassword(), name: 'Twin' },
    });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(await count(t, 'SELECT 1 FROM outbox'), before);
  });

  test('user.deleted.v1 reaches a consumer', async () => {
    const user = await signUp(t);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: user.auth,
      payload: { password: user.password },
    });
    assert.equal(removed.statusCode, 204);
    await waitFor(() => {
      const found = received.filter((e) => e.aggregateId === user.id && e.type === 'user.deleted.v1');
      assert.equal(found.length, 1, 'deletion delivered');
    });
  });

  test('product.deleted.v1 drops the product from every favorites list, once', async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    const product = randomUUID();
    const kept = randomUUID();
    for (const who of [alice, bob]) {
      await t.app.inject({ method: 'PUT', url: `/api/v1/users/me/favorites/${product}`, headers: who.auth });
    }
    await t.app.inject({ method: 'PUT', url: `/api/v1/users/me/favorites/${kept}`, headers: alice.auth });
    const event: EventEnvelope = {
      id: randomUUID(),
      type: 'product.deleted.v1',
      source: 'products',
      aggregateId: product,
      occurredAt: new Date().toISOString(),
      payload: { productId: product, version: 3 },
    };
    await bus.publish([event]);
    await bus.publish([event]);
    await waitFor(async () => {
      assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE product_id = $1', [product]), 0, 'dropped');
    });
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE product_id = $1', [kept]), 1);
    assert.equal(await count(t, `SELECT 1 FROM processed_events WHERE event_id = $1`, [event.id]), 1);
  });
  test('product events in any order leave the newest version of the product', async () => {
    const productId = randomUUID();
    const version = (v: number, name: string, status = 'active') =>
      productSnapshot(
        v === 1 ? 'product.created.v1' : 'product.updated.v1',
        {
          id: productId,
          name,
          categoryId: `c-${v}`,
          brand: 'Acme',
          price: 100,
        },
        v,
        status,
      );
    // Newest first, the archiving before the snapshot of the same version.
    const events = [
      productDeleted(productId, 3),
      version(2, 'Kettle v2'),
      version(1, 'Kettle'),
      version(3, 'Kettle v3', 'archived'),
    ];
    for (const event of events) await bus.publish([event]);
    await waitFor(async () => {
      assert.equal(
        await count(t, `SELECT 1 FROM processed_events WHERE event_id = ANY($1)`, [events.map((e) => e.id)]),
        4,
        'all handled',
      );
    });
    const { rows } = await t.db.query(
      'SELECT name, category_id, brand, status, version FROM catalog_products WHERE product_id = $1',
      [productId],
    );
    assert.deepEqual(rows, [
      { name: 'Kettle v3', category_id: 'c-3', brand: 'Acme', status: 'archived', version: 3 },
    ]);
  });
});

describe('the first admin (ADMIN_EMAIL / ADMIN_PASSWORD)', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('users_admin');
  });
  after(() => database.drop());

  const adminEnv = (email: string, password: string) => ({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });

  test('is created at start, once, however often the service restarts', async () => {
    const email = uniqueEmail('owner');
    const password = strongPassword();
    for (let i = 0; i < 2; i++) {
      const t = await startTestApp({ database, withBus: true, env: adminEnv(email, password) });
      try {
        assert.equal(
          await count(t, `SELECT 1 FROM users WHERE email = $1 AND roles = '{admin}' AND email_verified`, [
            email,
          ]),
          1,
        );
        const tokens = await login(t, email, password);
        const users = await t.app.inject({
          method: 'GET',
          url: '/api/v1/users',
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        });
        assert.equal(users.statusCode, 200);
      } finally {
        await t.close();
      }
    }
  });

  test('an existing account with that email is promoted only when it has that very password', async () => {
    const t = await startTestApp({ database });
    const squatter = await register(t);
    const owner = await register(t);
    await t.close();
    const again = await startTestApp({
      database,
      withBus: true,
      env: adminEnv(squatter.email, strongPassword()),
    });
    assert.equal(
      await count(again, `SELECT 1 FROM users WHERE email = $1 AND 'admin' = ANY(roles)`, [squatter.email]),
      0,
    );
    await again.close();
    const promoted = await startTestApp({
      database,
      withBus: true,
      env: adminEnv(owner.email, owner.password),
    });
    assert.equal(
      await count(promoted, `SELECT 1 FROM users WHERE email = $1 AND 'admin' = ANY(roles)`, [owner.email]),
      1,
    );
    await promoted.close();
  });

  test('a weak ADMIN_PASSWORD stops the start with a clear error, before anything runs', async () => {
    const t = await startTestApp({ database, env: adminEnv(uniqueEmail(), 'password1234') });
    try {
      await assert.rejects(t.service.start(), /commonly used/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).json().checks.bus, 'failing');
    } finally {
      await t.close();
    }
  });
});
