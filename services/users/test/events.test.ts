import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import pino from 'pino';
import { productDeleted, productSnapshot } from './support/event-factory.js';
import {
  count,
  login,
  mailbox,
  register,
  signUp,
  startUsers,
  strongPassword,
  tokenIn,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

const log = pino({ level: 'silent' });

describe('events through the outbox and the bus', () => {
  let t: UsersUnderTest;
  let bus: PgBossBus;
  const received: EventEnvelope[] = [];
  before(async () => {
    t = await startUsers({ withBus: true });
    // Another service's consumer, on the same bus.
    bus = new PgBossBus({ connectionString: t.config.BUS_URL, log });
    await bus.start();
    await bus.consume(
      {
        name: 'test.user-events',
        events: ['user.registered.v1', 'user.deleted.v1', 'user.sessions_revoked.v1'],
      },
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

  test('registering a taken address leaves no event (the answer is a 202 like any other)', async () => {
    const user = await register(t);
    const before = await count(t, 'SELECT 1 FROM outbox');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: user.email, password: strongPassword(), name: 'Twin' },
    });
    assert.equal(duplicate.statusCode, 202);
    assert.equal(await count(t, 'SELECT 1 FROM outbox'), before);
  });

  /** The user.sessions_revoked.v1 payloads written for this account, oldest first. */
  const revocations = async (userId: string) => {
    const { rows } = await t.db.query(
      `SELECT envelope FROM outbox WHERE event_type = 'user.sessions_revoked.v1' AND aggregate_id = $1
       ORDER BY id`,
      [userId],
    );
    return rows.map(
      (row) => row.envelope.payload as { sessionIds: string[]; reason: string; revokedAt: string },
    );
  };
  const sessionIds = async (userId: string, live: boolean) => {
    const { rows } = await t.db.query(
      `SELECT id FROM sessions WHERE user_id = $1 AND (revoked_at IS NULL) = $2 ORDER BY id`,
      [userId, live],
    );
    return rows.map((row) => row.id as string);
  };
  const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });

  test('user.sessions_revoked.v1 names the exact sessions a logout, a password change and a reset end, and reaches a consumer', async () => {
    const user = await signUp(t);
    const second = await login(t, user.email, user.password);
    const third = await login(t, user.email, user.password);
    assert.deepEqual(await revocations(user.id), [], 'nothing ended yet');

    assert.equal((await post('/api/v1/auth/logout', { refreshToken: third.refreshToken })).statusCode, 204);
    const [logout] = await revocations(user.id);
    assert.equal(logout!.reason, 'logout');
    assert.equal(logout!.sessionIds.length, 1);
    assert.ok(Date.parse(logout!.revokedAt) > 0);
    // A second logout with the same token ends nothing and tells nothing.
    await post('/api/v1/auth/logout', { refreshToken: third.refreshToken });
    assert.equal((await revocations(user.id)).length, 1);

    const liveBefore = await sessionIds(user.id, true);
    const newPassword = strongPassword();
    const changed = await post(
      '/api/v1/users/me/password',
      { currentPassword: user.password, newPassword },
      user.auth,
    );
    assert.equal(changed.statusCode, 204);
    const [, change] = await revocations(user.id);
    assert.equal(change!.reason, 'password_changed');
    const kept = await sessionIds(user.id, true);
    assert.equal(kept.length, 1, 'the session in use goes on');
    assert.deepEqual(change!.sessionIds, liveBefore.filter((id) => !kept.includes(id)).sort());
    assert.ok(!change!.sessionIds.includes(kept[0]!));
    void second;

    await waitFor(() => {
      const found = received.filter(
        (e) => e.aggregateId === user.id && e.type === 'user.sessions_revoked.v1',
      );
      assert.equal(found.length, 2, 'both revocations delivered');
    });
  });

  test('a replayed refresh token, disabling and a demotion each tell which sessions ended; a promotion tells nothing', async () => {
    const user = await signUp(t);
    const other = await login(t, user.email, user.password);
    const rotated = await post('/api/v1/auth/refresh', { refreshToken: other.refreshToken });
    assert.equal(rotated.statusCode, 200);
    assert.equal((await post('/api/v1/auth/refresh', { refreshToken: other.refreshToken })).statusCode, 401);
    const [replay] = await revocations(user.id);
    assert.equal(replay!.reason, 'refresh_token_reused');
    const { rows } = await t.db.query(
      `SELECT s.id FROM sessions s JOIN refresh_tokens r ON r.session_id = s.id WHERE r.token_hash = sha256($1::bytea)`,
      [Buffer.from(other.refreshToken)],
    );
    assert.deepEqual(replay!.sessionIds, [rows[0].id]);

    const admin = await signUp(t);
    await t.db.query(`UPDATE users SET roles = '{admin}' WHERE id = $1`, [admin.id]);
    const adminAuth = {
      authorization: `Bearer ${(await login(t, admin.email, admin.password)).accessToken}`,
    };
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: adminAuth, payload });

    assert.equal((await patch({ roles: ['customer', 'support'] })).statusCode, 200);
    assert.equal((await revocations(user.id)).length, 1, 'a promotion ends nothing');
    const live = await sessionIds(user.id, true);
    assert.equal((await patch({ roles: ['customer'] })).statusCode, 200);
    const [, demotion] = await revocations(user.id);
    assert.deepEqual(demotion, { ...demotion, reason: 'roles_changed', sessionIds: live, userId: user.id });

    await login(t, user.email, user.password);
    const again = await sessionIds(user.id, true);
    assert.equal((await patch({ disabled: true })).statusCode, 200);
    const [, , disabled] = await revocations(user.id);
    assert.equal(disabled!.reason, 'account_disabled');
    assert.deepEqual(disabled!.sessionIds, again);
    assert.equal((await patch({ disabled: true })).statusCode, 200);
    assert.equal((await revocations(user.id)).length, 3, 'nothing live: no event');
  });

  test('a password reset tells which sessions it ended, in the transaction that ended them', async () => {
    const user = await signUp(t);
    await post('/api/v1/auth/forgot-password', { email: user.email });
    const mail = await waitFor(async () => {
      const found = (await mailbox(t, user.email)).find((m) => m.subject === 'Reset your password');
      assert.ok(found, 'reset mail');
      return found;
    });
    const live = await sessionIds(user.id, true);
    // A weak password rolls the reset back: nothing ended, nothing told.
    assert.equal(
      (await post('/api/v1/auth/reset-password', { token: tokenIn(mail), password: 'password1234' }))
        .statusCode,
      400,
    );
    assert.deepEqual(await revocations(user.id), []);
    assert.equal(
      (await post('/api/v1/auth/reset-password', { token: tokenIn(mail), password: strongPassword() }))
        .statusCode,
      204,
    );
    const [reset] = await revocations(user.id);
    assert.equal(reset!.reason, 'password_reset');
    assert.deepEqual(reset!.sessionIds, live);
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
      const t = await startUsers({ database, withBus: true, env: adminEnv(email, password) });
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
    const t = await startUsers({ database });
    const squatter = await register(t);
    const owner = await register(t);
    await t.close();
    const again = await startUsers({
      database,
      withBus: true,
      env: adminEnv(squatter.email, strongPassword()),
    });
    assert.equal(
      await count(again, `SELECT 1 FROM users WHERE email = $1 AND 'admin' = ANY(roles)`, [squatter.email]),
      0,
    );
    await again.close();
    const promoted = await startUsers({
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
    const t = await startUsers({ database, env: adminEnv(uniqueEmail(), 'password1234') });
    try {
      await assert.rejects(t.service.start(), /commonly used/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).json().checks.bus, 'failing');
    } finally {
      await t.close();
    }
  });
});
