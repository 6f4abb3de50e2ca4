/**
 * The Idempotency-Key's holder token, against the real orders database: a checkout that stalled past
 * its lock while a retry took the key over must neither create a second order nor erase the
 * retry's claim when it gives up.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createOutbox } from '@shop/platform';
import { IdempotencyRepository } from '../src/data/idempotency-repository.js';
import { OrderRepository } from '../src/data/order-repository.js';
import { IdempotencyKeyInProgress } from '../src/domain/errors.js';
import { eventOf } from '../src/domain/order-events.js';
import type { NewOrder } from '../src/domain/ports.js';
import { anOrder } from './domain/order-fixture.js';
import { startOrders, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
before(async () => {
  world = await startOrders();
});
after(() => world?.close());

function draft(userId: string): NewOrder {
  const { currency, subtotal, shipping, total, shippingAddress, lines } = anOrder();
  const facts = { id: randomUUID(), userId, currency, subtotal, shipping, total, lines, version: 1 };
  return {
    ...facts,
    shippingAddress: shippingAddress!,
    fromCart: false,
    paymentMethod: 'pm_card_visa',
    expiresAt: new Date(Date.now() + 60_000),
    placedEvent: eventOf(facts, 'pending', null, null, new Date()),
  };
}

describe('an Idempotency-Key taken over from a stalled request', () => {
  test('the stalled request makes no order and cannot forget the key; the one holding it makes one', async () => {
    const keys = new IdempotencyRepository(world.db);
    // A lease long enough that nothing drives these orders during the test.
    const store = new OrderRepository(world.db, createOutbox('orders'), 2, 300);
    const admitAll = () => undefined; // the per-customer caps are not what this test is about
    const userId = randomUUID();
    const key = randomUUID();
    const [stalled, retry] = [randomUUID(), randomUUID()];

    // The first request's lock has run out (it stalled), and the retry takes the key over.
    assert.ok(await keys.begin(userId, key, 'fingerprint', 0, stalled), 'the first request began');
    assert.ok(await keys.takeOver(userId, key, 60, retry), 'the retry took over');

    // The stalled one wakes up: its order is refused, nothing of it stored...
    const refused = draft(userId);
    await assert.rejects(
      store.create(refused, 'test', { userId, key, holder: stalled }, admitAll),
      IdempotencyKeyInProgress,
    );
    assert.equal(await store.get(refused.id), undefined, 'no order of the stalled request');
    // ...and giving up, it does not forget the key the retry holds.
    await keys.forget(userId, key, stalled);
    assert.ok(await keys.find(userId, key), 'the retry still holds the key');

    // The retry's order is made and linked to the key.
    const made = await store.create(draft(userId), 'test', { userId, key, holder: retry }, admitAll);
    assert.equal((await keys.find(userId, key))!.orderId, made.id);
    // One order per key, even for its holder.
    await assert.rejects(
      store.create(draft(userId), 'test', { userId, key, holder: retry }, admitAll),
      IdempotencyKeyInProgress,
    );
    const { rows } = await world.db.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [
      userId,
    ]);
    assert.equal(rows[0].n, 1, 'one order for the key');
  });
});
