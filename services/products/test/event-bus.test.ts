import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import { PURCHASES } from '../src/messaging/purchase-events.consumer.js';
import { USER_ERASURE } from '../src/messaging/user-deleted.consumer.js';
import { createCategory, createCustomer, createProduct, writeReview } from './support/catalog-fixtures.js';
import { envelope, orderEvents, reviewRow } from './support/order-events.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

/** The consumers as they run in production: subscribed on a real (pg-boss) bus by start(). */
let t: ProductsUnderTest;
let busDb: TestDatabase;
let bus: PgBossBus;
let categoryId: string;
const quiet = () => undefined;
before(async () => {
  busDb = await createTestDatabase('products_bus');
  // One retry, so a failing event reaches the dead letters within a couple of seconds.
  bus = new PgBossBus({
    connectionString: busDb.url,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet },
    retryLimit: 1,
    retryDelaySeconds: 1,
  });
  t = await startProducts({}, { bus });
  await t.service.start();
  categoryId = (await createCategory(t, 'On the bus')).id;
});
after(async () => {
  await t.close();
  await busDb.drop();
});

const deadLetters = async (token = t.adminToken) =>
  t.app.inject({ url: '/api/v1/admin/dead-letters', headers: bearer(token) });
const deadLetterOf = async (eventId: string) =>
  waitFor(
    async () => {
      const items = (await deadLetters()).json().items as {
        id: string;
        subscription: string;
        error: string;
        event: EventEnvelope;
      }[];
      const letter = items.find((item) => item.event.id === eventId);
      assert.ok(letter, `event ${eventId} is dead-lettered`);
      return letter;
    },
    { timeoutMs: 30_000 },
  );

describe('order and user events through the bus', () => {
  test('order.paid (published twice) verifies the review; user.deleted then anonymises it', async () => {
    const item = (await createProduct(t, { categoryId })).id;
    const buyer = await createCustomer(t, 'Bus Buyer');
    const review = await writeReview(t, item, buyer.token, 5);
    const paid = orderEvents.paid(`o-${randomUUID()}`, buyer.id, [item]);
    await bus.publish([paid]);
    await bus.publish([paid]);
    await waitFor(async () =>
      assert.equal((await reviewRow(t, review.id))!.verified_purchase, true, 'verified by the paid order'),
    );

    await bus.publish([orderEvents.userDeleted(buyer.id)]);
    await waitFor(async () =>
      assert.equal((await reviewRow(t, review.id))!.author_name, 'Former customer', 'anonymised'),
    );
    const inbox = await t.db.query<{ consumer: string }>(
      'SELECT consumer FROM processed_events ORDER BY consumer',
    );
    assert.deepEqual(
      inbox.rows.map((r) => r.consumer),
      [PURCHASES, USER_ERASURE],
    );
  });
});

describe('dead letters', () => {
  test('an event that keeps failing is listed for admins only and replayed once its cause is fixed', async () => {
    const item = (await createProduct(t, { categoryId })).id;
    const buyer = await createCustomer(t);
    const review = await writeReview(t, item, buyer.token);
    const paid = orderEvents.paid(`o-${randomUUID()}`, buyer.id, [item]);
    await t.db.query('ALTER TABLE purchase_orders RENAME TO purchase_orders_away');
    let letter;
    try {
      await bus.publish([paid]);
      letter = await deadLetterOf(paid.id);
    } finally {
      await t.db.query('ALTER TABLE purchase_orders_away RENAME TO purchase_orders');
    }
    assert.equal(letter.subscription, PURCHASES);
    assert.match(letter.error, /purchase_orders/);
    assert.equal((await reviewRow(t, review.id))!.verified_purchase, false);
    assert.equal((await deadLetters(t.customerToken)).statusCode, 403);

    const replay = (subscription: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/dead-letters/${subscription}/${letter.id}/replay`,
        headers: bearer(t.adminToken),
      });
    assert.equal((await replay('users.product-events')).statusCode, 404, 'not a subscription of products');
    assert.equal((await replay(PURCHASES)).statusCode, 202);
    await waitFor(async () =>
      assert.equal((await reviewRow(t, review.id))!.verified_purchase, true, 'the replay landed'),
    );
    const left = (await deadLetters()).json().items as { event: { id: string } }[];
    assert.ok(!left.some((l) => l.event.id === paid.id), 'no longer a dead letter');
  });

  test('a payload that breaks its contract is dead-lettered with the reason, and changes nothing', async () => {
    const bad = envelope('order.paid.v1', 'o-broken', { orderId: 'o-broken', userId: 'u1', lines: [{}] });
    await bus.publish([bad]);
    const letter = await deadLetterOf(bad.id);
    assert.equal(letter.subscription, PURCHASES);
    assert.match(letter.error, /does not match its contract/);
    const orders = await t.db.query(`SELECT 1 FROM purchase_orders WHERE order_id = 'o-broken'`);
    assert.equal(orders.rowCount, 0);
  });
});
