import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { InvalidEventPayload } from '@shop/contracts';
import { PURCHASES } from '../src/messaging/purchase-events.consumer.js';
import { createCategory, createCustomer, createProduct, writeReview } from './support/catalog-fixtures.js';
import { deliver, envelope, orderEvents, reviewRow } from './support/order-events.js';
import { startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Verified')).id;
});
after(() => t.close());

const product = async () => (await createProduct(t, { categoryId })).id;
const verified = async (reviewId: string) => (await reviewRow(t, reviewId))!.verified_purchase;
const purchases = async (userId: string) =>
  (
    await t.db.query<{ product_id: string; order_id: string; purchased_at: Date }>(
      'SELECT product_id, order_id, purchased_at FROM purchases WHERE user_id = $1 ORDER BY order_id, product_id',
      [userId],
    )
  ).rows;

describe('order.paid and order.delivered mark reviews verified', () => {
  test('a review written before the payment is marked when it arrives; one written after starts verified', async () => {
    const [early, late, other] = [await product(), await product(), await product()];
    const buyer = await createCustomer(t, 'Buyer');
    const before = await writeReview(t, early, buyer.token);
    const unrelated = await writeReview(t, other, buyer.token);
    assert.equal(before.verifiedPurchase, false);

    await deliver(t, orderEvents.paid(`o-${randomUUID()}`, buyer.id, [early, late]));

    assert.equal(await verified(before.id), true);
    assert.equal(await verified(unrelated.id), false, 'a product not in the order stays unverified');
    assert.equal((await writeReview(t, late, buyer.token)).verifiedPurchase, true);
  });

  test('another buyer of the product does not verify this reviewer', async () => {
    const item = await product();
    const [reviewer, buyer] = [await createCustomer(t), await createCustomer(t)];
    const review = await writeReview(t, item, reviewer.token);
    await deliver(t, orderEvents.paid(`o-${randomUUID()}`, buyer.id, [item]));
    assert.equal(await verified(review.id), false);
  });

  test('delivery alone is enough, and paid + delivered + a redelivery leave one purchase at the earliest time', async () => {
    const item = await product();
    const buyer = await createCustomer(t);
    const orderId = `o-${randomUUID()}`;
    const review = await writeReview(t, item, buyer.token);
    const delivered = orderEvents.delivered(orderId, buyer.id, [item], 30);
    await deliver(t, delivered);
    assert.equal(await verified(review.id), true);
    // The payment (earlier in time) arrives late, then the delivery again with its own id.
    await deliver(t, orderEvents.paid(orderId, buyer.id, [item], 5), delivered);
    const rows = await purchases(buyer.id);
    assert.deepEqual(
      rows.map((r) => [r.product_id, r.order_id, r.purchased_at.toISOString()]),
      [[item, orderId, '2025-01-01T12:05:00.000Z']],
    );
  });

  test('a line naming a product id this catalog cannot have is ignored', async () => {
    const item = await product();
    const buyer = await createCustomer(t);
    await deliver(t, orderEvents.paid(`o-${randomUUID()}`, buyer.id, [item, 'sku-123']));
    assert.deepEqual(
      (await purchases(buyer.id)).map((r) => r.product_id),
      [item],
    );
  });
});

describe('cancelled and refunded orders take the mark back', () => {
  test('cancelled after payment: the mark goes, unless another order of the product backs it', async () => {
    const [kept, lost] = [await product(), await product()];
    const buyer = await createCustomer(t);
    const keptReview = await writeReview(t, kept, buyer.token);
    const lostReview = await writeReview(t, lost, buyer.token);
    const [first, second] = [`o-${randomUUID()}`, `o-${randomUUID()}`];
    await deliver(
      t,
      orderEvents.paid(first, buyer.id, [kept, lost]),
      orderEvents.paid(second, buyer.id, [kept]),
    );
    assert.equal(await verified(lostReview.id), true);

    await deliver(t, orderEvents.cancelled(first, buyer.id), orderEvents.refunded(first, buyer.id));

    assert.equal(await verified(lostReview.id), false);
    assert.equal(await verified(keptReview.id), true, 'the second order still backs it');
    assert.deepEqual(
      (await purchases(buyer.id)).map((r) => [r.order_id, r.product_id]),
      [[second, kept]],
    );
    // A review written now is judged the same way.
    const fresh = await product();
    await deliver(t, orderEvents.paid(`o-x-${randomUUID()}`, buyer.id, [fresh]));
    assert.equal((await writeReview(t, fresh, buyer.token)).verifiedPurchase, true);
  });

  test('a refund that arrives before the payment: the late payment never verifies', async () => {
    const item = await product();
    const buyer = await createCustomer(t);
    const orderId = `o-${randomUUID()}`;
    await deliver(t, orderEvents.refunded(orderId, buyer.id), orderEvents.paid(orderId, buyer.id, [item]));
    assert.deepEqual(await purchases(buyer.id), []);
    assert.equal((await writeReview(t, item, buyer.token)).verifiedPurchase, false);
  });

  test('an order cancelled before payment changes nothing', async () => {
    const item = await product();
    const buyer = await createCustomer(t);
    await deliver(t, orderEvents.paid(`o-${randomUUID()}`, buyer.id, [item]));
    await deliver(t, orderEvents.cancelled(`o-${randomUUID()}`, buyer.id));
    assert.equal((await writeReview(t, item, buyer.token)).verifiedPurchase, true);
  });
});

describe('the consumer is idempotent and all-or-nothing', () => {
  test('the same event twice takes effect once (inbox), the same order twice counts once (projection)', async () => {
    const [a, b] = [await product(), await product()];
    const buyer = await createCustomer(t);
    const paid = orderEvents.paid(`o-${randomUUID()}`, buyer.id, [a, b]);
    await deliver(t, paid, paid, { ...paid, id: randomUUID() });
    const { rows } = await t.db.query<{ orders: number }>(
      'SELECT orders FROM co_purchases WHERE product_id = $1 AND related_id = $2',
      [a, b],
    );
    assert.deepEqual(rows, [{ orders: 1 }]);
    const inbox = await t.db.query('SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2', [
      PURCHASES,
      paid.id,
    ]);
    assert.equal(inbox.rowCount, 1);
  });

  test('a payload that breaks its contract is refused (so it ends in the dead letters) and writes nothing', async () => {
    const bad = envelope('order.paid.v1', 'o-bad', { orderId: 'o-bad', userId: 'u', lines: 'none' });
    await assert.rejects(deliver(t, bad), InvalidEventPayload);
    const inbox = await t.db.query('SELECT 1 FROM processed_events WHERE event_id = $1', [bad.id]);
    assert.equal(inbox.rowCount, 0, 'not marked processed: the bus retries it');
    const orders = await t.db.query(`SELECT 1 FROM purchase_orders WHERE order_id = 'o-bad'`);
    assert.equal(orders.rowCount, 0);
  });

  test('a failure halfway rolls the whole event back; the retry lands it whole', async () => {
    const [a, b] = [await product(), await product()];
    const buyer = await createCustomer(t);
    const review = await writeReview(t, a, buyer.token);
    const paid = orderEvents.paid(`o-${randomUUID()}`, buyer.id, [a, b]);
    // The purchases table goes missing after the order and pair counts were written.
    await t.db.query('ALTER TABLE purchases RENAME TO purchases_away');
    try {
      await assert.rejects(deliver(t, paid));
    } finally {
      await t.db.query('ALTER TABLE purchases_away RENAME TO purchases');
    }
    const left = await t.db.query(
      `SELECT (SELECT count(*) FROM purchase_orders WHERE order_id = $1)::int AS orders,
              (SELECT count(*) FROM co_purchases WHERE product_id = $2)::int AS pairs,
              (SELECT count(*) FROM processed_events WHERE event_id = $3)::int AS inbox`,
      [paid.payload.orderId, a, paid.id],
    );
    assert.deepEqual(left.rows[0], { orders: 0, pairs: 0, inbox: 0 });
    assert.equal(await verified(review.id), false);

    await deliver(t, paid);
    assert.equal(await verified(review.id), true);
  });
});
