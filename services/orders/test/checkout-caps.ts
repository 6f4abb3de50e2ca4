/**
 * The caps one customer's checkouts live under: a line holds at most 99 units once repeated
 * products are merged, and unpaid orders (3-D Secure left unanswered) hold at most 3 orders and 200
 * units per customer, so no customer can keep a product's stock from everyone else. A refusal
 * stores nothing (no order, no hold) and forgets its Idempotency-Key.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { Customer, ProductRef } from './support/shop.js';
import type { OrdersUnderTest } from './support/orders-under-test.js';

/** Registered by a test file that shares its world (one world start less per run). */
export function checkoutCapsTests(shared: () => OrdersUnderTest): void {
  const THREE_D_SECURE = 'pm_card_threeDSecure2Required';

  let world: OrdersUnderTest;
  let kettle: ProductRef;

  const ordersOf = async (customer: Customer) =>
    (
      await world.db.query('SELECT id, status FROM orders WHERE user_id = $1 ORDER BY created_at', [
        customer.id,
      ])
    ).rows as { id: string; status: string }[];
  const keysOf = async (customer: Customer) =>
    (await world.db.query('SELECT key FROM idempotency_keys WHERE user_id = $1', [customer.id])).rows.map(
      (row) => row.key as string,
    );
  const reserved = async () => (await world.shop.stock(kettle.id)).reserved;
  const unanswered = (customer: Customer, quantity: number, key = randomUUID()) =>
    world.checkout(
      customer,
      { paymentMethod: THREE_D_SECURE, items: [{ productId: kettle.id, quantity }] },
      key,
    );

  describe('checkout caps', () => {
    before(async () => {
      world = shared();
      kettle = await world.shop.product({ price: 100, stock: 1000 });
    });

    test('a product named twice is one line, and over 99 units in all it is a 422 with nothing written', async () => {
      const mallory = await world.shop.customer('Mallory');
      const heldBefore = await reserved();
      const key = randomUUID();
      const answer = await world.checkout(
        mallory,
        {
          paymentMethod: THREE_D_SECURE,
          items: [
            { productId: kettle.id, quantity: 99 },
            { productId: kettle.id, quantity: 70 },
          ],
        },
        key,
      );
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
      assert.equal(answer.body.code, 'quantity_too_large');
      assert.equal(answer.body.limit, 99);
      assert.deepEqual(answer.body.lines, [{ productId: kettle.id, quantity: 169 }]);
      assert.equal(answer.body.errors[0].field, 'body.items');

      assert.deepEqual(await ordersOf(mallory), [], 'no order');
      assert.equal(await reserved(), heldBefore, 'nothing held');
      assert.deepEqual(await keysOf(mallory), [], 'the key was forgotten');

      // The same key, with a body within the caps, now runs.
      const fixed = await world.checkout(mallory, { items: [{ productId: kettle.id, quantity: 2 }] }, key);
      assert.equal(fixed.status, 201, JSON.stringify(fixed.body));
      assert.equal(fixed.body.status, 'paid');
    });

    test('a fourth unpaid order is refused with 409, nothing held for it, while others still buy', async () => {
      const mallory = await world.shop.customer('Mallory');
      const heldBefore = await reserved();
      const placed = [];
      for (let i = 0; i < 3; i++) {
        const answer = await unanswered(mallory, 1);
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        assert.equal(answer.body.status, 'awaiting_payment');
        placed.push(answer.body.id as string);
      }
      const fourth = await unanswered(mallory, 1);
      assert.equal(fourth.status, 409, JSON.stringify(fourth.body));
      assert.equal(fourth.body.code, 'too_many_unpaid_orders');
      assert.equal(fourth.body.limit, 3);
      assert.deepEqual(fourth.body.unpaidOrders, placed, 'names the orders waiting for payment');

      assert.equal((await ordersOf(mallory)).length, 3, 'no fourth order');
      assert.equal(await reserved(), heldBefore + 3, 'only the three orders hold stock');
      assert.equal((await keysOf(mallory)).length, 3, "the refused request's key was forgotten");

      // Someone else is not affected.
      const alice = await world.shop.customer('Alice');
      const bought = await world.checkout(alice, { items: [{ productId: kettle.id, quantity: 1 }] });
      assert.equal(bought.status, 201);
      assert.equal(bought.body.status, 'paid');

      // Cancelling one frees a place.
      const cancelled = await world.api('POST', `/api/v1/orders/${placed[0]}/cancel`, {
        token: mallory.token,
      });
      assert.equal(cancelled.status, 200);
      const again = await unanswered(mallory, 1);
      assert.equal(again.status, 201, JSON.stringify(again.body));
    });

    test('unpaid orders hold at most 200 units per customer; paid orders do not count', async () => {
      const mallory = await world.shop.customer('Mallory');
      assert.equal((await unanswered(mallory, 99)).status, 201);
      assert.equal((await unanswered(mallory, 99)).status, 201);
      const heldBefore = await reserved();

      const over = await unanswered(mallory, 3);
      assert.equal(over.status, 409, JSON.stringify(over.body));
      assert.equal(over.body.code, 'too_many_unpaid_units');
      assert.deepEqual([over.body.limit, over.body.held, over.body.requested], [200, 198, 3]);
      assert.equal((await ordersOf(mallory)).length, 2, 'no third order');
      assert.equal(await reserved(), heldBefore, 'nothing more held');

      // Exactly up to the cap is fine, and an order paid at once is never waiting.
      assert.equal((await unanswered(mallory, 2)).status, 201);
      const bob = await world.shop.customer('Bob');
      for (let i = 0; i < 5; i++) {
        const paid = await world.checkout(bob, { items: [{ productId: kettle.id, quantity: 99 }] });
        assert.equal(paid.status, 201, JSON.stringify(paid.body));
        assert.equal(paid.body.status, 'paid');
      }
    });

    test('a checkout replayed with its key gets its answer even once the cap is reached', async () => {
      const mallory = await world.shop.customer('Mallory');
      const key = randomUUID();
      const first = await unanswered(mallory, 1, key);
      assert.equal(first.status, 201);
      await unanswered(mallory, 1);
      await unanswered(mallory, 1);
      assert.equal((await unanswered(mallory, 1)).status, 409, 'the cap is reached');

      const replay = await unanswered(mallory, 1, key);
      assert.equal(replay.status, 201, JSON.stringify(replay.body));
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal(replay.body.id, first.body.id);
      assert.equal((await ordersOf(mallory)).length, 3);
    });

    test('concurrent checkouts of one customer cannot slip past the cap together', async () => {
      const mallory = await world.shop.customer('Mallory');
      const heldBefore = await reserved();
      const answers = await Promise.all(Array.from({ length: 8 }, () => unanswered(mallory, 1)));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [201, 201, 201, 409, 409, 409, 409, 409], JSON.stringify(statuses));
      assert.ok(
        answers.filter((a) => a.status === 409).every((a) => a.body.code === 'too_many_unpaid_orders'),
        'every refusal names the cap',
      );
      assert.equal((await ordersOf(mallory)).length, 3, 'three orders, not more');
      assert.equal(await reserved(), heldBefore + 3, 'three units held, not more');
      assert.equal((await keysOf(mallory)).length, 3, 'the refused keys were forgotten');
    });
  });
}
