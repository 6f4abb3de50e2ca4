import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import pino from 'pino';
import sharp from 'sharp';
import { backInStock, orderPaid, reviewCreated, type Line } from './support/event-factory.js';
import {
  count,
  login,
  signUp,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const log = pino({ level: 'silent' });

/**
 * `DELETE /api/v1/users/me` leaves nothing personal in this service: every table is searched for
 * the person's email, name, street and id, after a life that touched all of them.
 */
describe('account deletion erases every personal trace', () => {
  let t: UsersUnderTest;
  let publisher: PgBossBus;
  let person: SignedUp;
  const name = `Zelda ${randomUUID().slice(0, 8)}`;
  const street = `${randomUUID().slice(0, 8)} Baker Street`;
  const bought: Line[] = [
    { productId: randomUUID(), name: 'Kettle', price: 3900 },
    { productId: randomUUID(), name: 'Teapot', price: 2500 },
  ];

  const handled = (events: EventEnvelope[]) =>
    waitFor(
      async () => {
        const n = await count(t, 'SELECT DISTINCT event_id FROM processed_events WHERE event_id = ANY($1)', [
          events.map((e) => e.id),
        ]);
        assert.equal(n, events.length, 'events handled');
        assert.equal(
          await count(t, 'SELECT 1 FROM notifications WHERE sent_at IS NULL'),
          0,
          'owed mails sent',
        );
      },
      { timeoutMs: 20_000 },
    );

  /** Tables (and row counts) in which any of these strings appears in some column. */
  async function tracesOf(...needles: string[]): Promise<Record<string, number>> {
    const { rows: tables } = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const found: Record<string, number> = {};
    for (const { name: table } of tables) {
      const n = await count(t, `SELECT 1 FROM "${table}" AS r WHERE r::text ILIKE ANY($1)`, [
        needles.map((needle) => `%${needle}%`),
      ]);
      if (n > 0) found[table] = n;
    }
    return found;
  }

  before(async () => {
    t = await startUsers({ withBus: true, env: { NOTIFICATIONS_INTERVAL_MS: '200' } });
    publisher = new PgBossBus({ connectionString: t.config.BUS_URL, log });
    await publisher.start();

    person = await signUp(t, { name });
    await login(t, person.email, person.password); // a second session
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: person.email, password: 'Not-the-password-42' },
    });
    assert.equal(failed.statusCode, 401); // an attempt counter keyed by the email
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/forgot-password',
      payload: { email: person.email },
    });
    const address = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/addresses',
      headers: person.auth,
      payload: {
        name,
        line1: street,
        city: 'London',
        postalCode: 'NW1 6XE',
        country: 'GB',
        phone: '+44 20 7946 0000',
      },
    });
    assert.equal(address.statusCode, 201, address.body);
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const avatar = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/avatar',
      headers: { ...person.auth, 'content-type': 'image/png' },
      payload: png,
    });
    assert.equal(avatar.statusCode, 200, avatar.body);
    for (const line of bought) {
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/me/favorites/${line.productId}`,
        headers: person.auth,
      });
      assert.equal(put.statusCode, 204);
    }
    const life = [
      orderPaid(person.id, bought, new Date()),
      orderPaid(randomUUID(), bought, new Date()), // someone else's basket: anonymous totals
      reviewCreated(person.id, bought[0]!.productId, 5),
      backInStock(bought[1]!.productId, 4),
    ];
    await publisher.publish(life);
    await handled(life);
    await waitFor(async () => {
      assert.equal(
        await count(t, `SELECT 1 FROM outbox WHERE aggregate_id = $1 AND published_at IS NOT NULL`, [
          person.id,
        ]),
        1,
        'user.registered.v1 published',
      );
    });
  });

  after(async () => {
    await publisher?.stop();
    await t?.close();
  });

  test('before: the person is in many tables', async () => {
    const traces = await tracesOf(person.email, name, street);
    for (const table of ['users', 'addresses', 'email_tokens', 'throttle', 'outbox']) {
      assert.ok(traces[table], `${table} holds personal data before`);
    }
    const byId = await tracesOf(person.id);
    for (const table of [
      'sessions',
      'favorites',
      'purchases',
      'review_signals',
      'notifications',
      'stock_alerts',
    ]) {
      assert.ok(byId[table], `${table} refers to the person before`);
    }
  });

  test('after: only the anonymised account row and the user.deleted.v1 and user.sessions_revoked.v1 events remain', async () => {
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/users/me',
      headers: person.auth,
      payload: { password: person.password },
    });
    assert.equal(removed.statusCode, 204);

    assert.deepEqual(await tracesOf(person.email, name, street, '+44 20 7946'), {});
    assert.deepEqual(await tracesOf(person.id), { outbox: 2, users: 1 });
    const { rows } = await t.db.query(
      `SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY event_type`,
      [person.id],
    );
    // The sessions' end names their random ids only, so that every service refuses them at once.
    assert.deepEqual(rows, [{ event_type: 'user.deleted.v1' }, { event_type: 'user.sessions_revoked.v1' }]);
    await waitFor(async () => {
      await assert.rejects(access(join(t.dataDir, 'avatars', person.id)), 'the avatar files are gone');
    });
    // What sells with what stays: it names nobody.
    assert.ok((await count(t, 'SELECT 1 FROM item_pairs')) > 0);
    assert.ok((await count(t, 'SELECT 1 FROM catalog_products WHERE popularity > 0')) > 0);
  });

  test('events about the person that arrive late bring nothing back', async () => {
    const late = [
      orderPaid(person.id, bought, new Date()),
      reviewCreated(person.id, bought[1]!.productId, 4),
      backInStock(bought[0]!.productId, 2),
    ];
    await publisher.publish(late);
    await handled(late);
    assert.deepEqual(await tracesOf(person.id), { outbox: 2, users: 1 });
  });
});
