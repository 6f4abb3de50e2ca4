import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type DeadLetter } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import pino from 'pino';
import { envelope, orderPaid } from './support/event-factory.js';
import {
  count,
  signUp,
  signUpAs,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const log = pino({ level: 'silent' });

describe('dead letters of the user service', () => {
  let bus: TestDatabase;
  let publisher: PgBossBus;
  let t: UsersUnderTest;
  let admin: SignedUp;
  let customer: SignedUp;

  const list = (who: SignedUp | undefined) =>
    t.app.inject({ method: 'GET', url: '/api/v1/admin/dead-letters', headers: who?.auth ?? {} });
  /** The dead letters of one event, once every subscription that got it gave up on it. */
  const deadLettersOf = (eventId: string, subscriptions: number) =>
    waitFor(
      async () => {
        const letters = ((await list(admin)).json().items as DeadLetter[]).filter(
          (l) => l.event.id === eventId,
        );
        assert.equal(letters.length, subscriptions, 'dead-lettered');
        return letters;
      },
      { timeoutMs: 20_000 },
    );

  before(async () => {
    bus = await createTestDatabase('users_bus');
    // One retry a second apart, so that a failing event is dead-lettered within the test.
    const impatient = new PgBossBus({ connectionString: bus.url, log, retryLimit: 1, retryDelaySeconds: 1 });
    t = await startUsers({ bus, overrides: { bus: impatient } });
    publisher = new PgBossBus({ connectionString: bus.url, log });
    await publisher.start();
    admin = await signUpAs(t, ['admin']);
    customer = await signUp(t);
  });
  after(async () => {
    await publisher?.stop();
    await t?.close();
    await bus?.drop();
  });

  test('only admins see them', async () => {
    assert.equal((await list(undefined)).statusCode, 401);
    assert.equal((await list(customer)).statusCode, 403);
    const empty = await list(admin);
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { items: [] });
  });

  test('a payload that breaks its contract ends there after its retries, with the reason, and changes nothing', async () => {
    const broken = envelope('order.paid.v1', 'orders', randomUUID(), { orderId: 'o-1', userId: customer.id });
    await publisher.publish([broken]);
    const letters = await deadLettersOf(broken.id, 2);
    assert.deepEqual(letters.map((l) => l.subscription).sort(), [
      'users.notifications',
      'users.recommendation-signals',
    ]);
    for (const letter of letters) {
      assert.equal(letter.event.id, broken.id);
      assert.match(letter.error ?? '', /does not match its contract/);
    }
    assert.equal(await count(t, 'SELECT 1 FROM purchases WHERE user_id = $1', [customer.id]), 0);
    assert.equal(await count(t, 'SELECT 1 FROM notifications WHERE user_id = $1', [customer.id]), 0);
    assert.equal(await count(t, 'SELECT 1 FROM processed_events WHERE event_id = $1', [broken.id]), 0);
  });

  test('an event whose handler kept failing is replayed once the cause is fixed', async () => {
    await t.db.query('ALTER TABLE purchases RENAME TO purchases_away');
    const paid = orderPaid(
      customer.id,
      [{ productId: randomUUID(), name: 'Kettle', price: 3900 }],
      new Date(),
    );
    let letter: DeadLetter | undefined;
    try {
      await publisher.publish([paid]);
      [letter] = await deadLettersOf(paid.id, 1);
    } finally {
      await t.db.query('ALTER TABLE purchases_away RENAME TO purchases');
    }
    assert.equal(letter!.subscription, 'users.recommendation-signals', 'the mail side handled it');
    assert.match(letter!.error ?? '', /purchases/);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/orders.product-facts/${letter!.id}/replay`,
      headers: admin.auth,
    });
    assert.equal(elsewhere.statusCode, 404, 'not a subscription of this service');
    const byCustomer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter!.subscription}/${letter!.id}/replay`,
      headers: customer.auth,
    });
    assert.equal(byCustomer.statusCode, 403);

    const replayed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter!.subscription}/${letter!.id}/replay`,
      headers: admin.auth,
    });
    assert.equal(replayed.statusCode, 202);
    await waitFor(async () => {
      assert.equal(
        await count(t, 'SELECT 1 FROM purchases WHERE order_id = $1', [paid.payload.orderId]),
        1,
        'recorded on replay',
      );
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter!.subscription}/${letter!.id}/replay`,
      headers: admin.auth,
    });
    assert.equal(again.statusCode, 404, 'a dead letter is replayed once');
    assert.ok(
      ((await list(admin)).json().items as DeadLetter[]).every((l) => l.id !== letter!.id),
      'no longer listed',
    );
  });
});
