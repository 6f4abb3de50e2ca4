import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, TEST_ADDRESS, type OrdersUnderTest } from './support/orders-under-test.js';
import { checkoutCapsTests } from './checkout-caps.js';

let world: OrdersUnderTest;
before(async () => {
  world = await startOrders();
});
after(() => world?.close());

describe('checkout', () => {
  let alice: Customer;
  let mug: ProductRef;
  let lamp: ProductRef;

  before(async () => {
    alice = await world.shop.customer('Alice');
    [mug, lamp] = await Promise.all([
      world.shop.product({ price: 1250, stock: 10 }),
      world.shop.product({ price: 4000, stock: 2 }),
    ]);
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await world.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n);
  const levels = async (productId: string) => {
    const { onHand, reserved, available } = await world.shop.stock(productId);
    return { onHand, reserved, available };
  };
  const eventsOf = async (orderId: string) =>
    (
      await world.db.query('SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY id', [orderId])
    ).rows.map((r) => r.event_type);

  test('the cart becomes a paid order: prices from products, stock committed, cart emptied', async () => {
    await world.api('PUT', `/api/v1/cart/items/${mug.id}`, { token: alice.token, body: { quantity: 2 } });
    const answer = await world.checkout(alice);

    assert.equal(answer.status, 201);
    const order = answer.body;
    assert.equal(order.status, 'paid');
    assert.deepEqual(order.lines, [
      { productId: mug.id, name: mug.name, unitPrice: 1250, quantity: 2, lineTotal: 2500 },
    ]);
    assert.equal(order.subtotal, 2500);
    assert.equal(order.shipping, 499, 'a flat fee below the free-shipping threshold');
    assert.equal(order.total, 2999);
    assert.equal(order.currency, 'EUR');
    assert.deepEqual(order.shippingAddress, TEST_ADDRESS);
    assert.deepEqual(order.payment, { status: 'succeeded', method: 'pm_card_visa' });
    assert.deepEqual(
      order.timeline.map((t: { status: string }) => t.status),
      ['pending', 'awaiting_payment', 'paid'],
    );

    assert.deepEqual(await levels(mug.id), { onHand: 8, reserved: 0, available: 8 });
    assert.equal(await count('cart_items WHERE user_id = $1', [alice.id]), 0);
    assert.deepEqual(await eventsOf(order.id), [
      'order.placed.v1',
      'order.awaiting_payment.v1',
      'order.paid.v1',
    ]);
    const { rows } = await world.db.query(
      'SELECT stock, saga_step, payment_intent_id FROM orders WHERE id = $1',
      [order.id],
    );
    assert.equal(rows[0].stock, 'committed');
    assert.equal(rows[0].saga_step, 'done');
    const intent = await world.shop.sandbox('GET', `/v1/payment_intents/${rows[0].payment_intent_id}`);
    assert.equal(intent.body.amount, 2999);
    assert.equal(intent.body.metadata.order_id, order.id);
  });

  test('explicit items are ordered instead of the cart, which stays as it is', async () => {
    await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, { token: alice.token, body: { quantity: 1 } });
    const answer = await world.checkout(alice, {
      items: [
        { productId: mug.id, quantity: 4 },
        { productId: mug.id, quantity: 1 },
      ],
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.lines.length, 1, 'repeated products merge');
    assert.equal(answer.body.lines[0].quantity, 5);
    assert.equal(answer.body.shipping, 0, 'free shipping from 50.00');
    assert.equal(answer.body.total, 6250);
    assert.equal(await count('cart_items WHERE user_id = $1', [alice.id]), 1);
    await world.api('DELETE', '/api/v1/cart', { token: alice.token });
  });

  test('a saved address is copied from users onto the order', async () => {
    const addressId = await world.shop.address(alice);
    const answer = await world.checkout(alice, {
      shippingAddress: undefined,
      addressId,
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.shippingAddress.line1, '12 Rue de Rivoli');

    const bob = await world.shop.customer('Bob');
    const stolen = await world.checkout(bob, {
      shippingAddress: undefined,
      addressId,
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(stolen.status, 422);
    assert.equal(stolen.body.code, 'address_not_found');
  });

  test('a typed-in address may leave out its optional lines, which the order keeps as null', async () => {
    const answer = await world.checkout(alice, {
      shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.shippingAddress, {
      name: 'Ada',
      line1: '1 Main St',
      line2: null,
      city: 'Paris',
      postalCode: '75001',
      region: null,
      country: 'FR',
      phone: null,
    });
  });

  test('not enough stock rejects the order and holds nothing', async () => {
    const before = await levels(lamp.id);
    const answer = await world.checkout(alice, { items: [{ productId: lamp.id, quantity: 3 }] });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.status, 'rejected');
    assert.equal(answer.body.timeline.at(-1).reason, 'Not enough stock for some products.');
    assert.deepEqual(await levels(lamp.id), before);
    assert.deepEqual(await eventsOf(answer.body.id), ['order.placed.v1', 'order.rejected.v1']);
    const { rows } = await world.db.query('SELECT payment_intent_id FROM orders WHERE id = $1', [
      answer.body.id,
    ]);
    assert.equal(rows[0].payment_intent_id, null, 'no payment was attempted');
  });

  for (const card of ['pm_card_chargeDeclined', 'pm_card_chargeDeclinedInsufficientFunds']) {
    test(`a declined card (${card}) fails the payment and releases its stock`, async () => {
      const before = await levels(lamp.id);
      const answer = await world.checkout(alice, {
        paymentMethod: card,
        items: [{ productId: lamp.id, quantity: 2 }],
      });
      assert.equal(answer.status, 201);
      assert.equal(answer.body.status, 'payment_failed');
      assert.equal(answer.body.payment.status, 'failed');
      assert.match(answer.body.payment.failureReason, /declined|insufficient funds/);
      assert.deepEqual(await levels(lamp.id), before, 'the hold was released');
      assert.deepEqual(await eventsOf(answer.body.id), [
        'order.placed.v1',
        'order.awaiting_payment.v1',
        'order.payment_failed.v1',
      ]);
      const { rows } = await world.db.query('SELECT stock, saga_step FROM orders WHERE id = $1', [
        answer.body.id,
      ]);
      assert.deepEqual(rows[0], { stock: 'released', saga_step: 'done' });
    });
  }

  test('an empty cart is a 422 and leaves nothing behind, not even the key', async () => {
    const key = randomUUID();
    const ordersBefore = await count('orders');
    const answer = await world.checkout(alice, {}, key);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'empty_cart');
    assert.equal(await count('orders'), ordersBefore);
    assert.equal(await count('idempotency_keys WHERE key = $1', [key]), 0);
  });

  test('bad requests are refused before anything happens', async () => {
    const noKey = await world.api('POST', '/api/v1/orders', {
      token: alice.token,
      body: {
        paymentMethod: 'pm_card_visa',
        shippingAddress: TEST_ADDRESS,
        items: [{ productId: mug.id, quantity: 1 }],
      },
    });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.body.errors[0].field, 'headers.idempotency-key');

    const both = await world.checkout(alice, {
      addressId: randomUUID(),
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(both.status, 400);
    assert.equal(both.body.errors[0].field, 'body.addressId');

    const price = await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1, unitPrice: 1 }] });
    assert.equal(price.status, 400, 'the client never sets a price');
    assert.equal(price.body.errors[0].field, 'body.items.0.unitPrice');

    const unknown = await world.checkout(alice, { items: [{ productId: randomUUID(), quantity: 1 }] });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.code, 'product_unavailable');
  });
});

describe('idempotency keys', () => {
  let alice: Customer;
  let mug: ProductRef;

  before(async () => {
    alice = await world.shop.customer('Alice');
    mug = await world.shop.product({ price: 1000, stock: 100 });
  });

  const ordersOf = async (userId: string) =>
    Number(
      (await world.db.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [userId])).rows[0].n,
    );

  test('the same key and body replay the first answer; no second order is made', async () => {
    const key = randomUUID();
    const body = { items: [{ productId: mug.id, quantity: 1 }] };
    const first = await world.checkout(alice, body, key);
    const again = await world.checkout(alice, body, key);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(await ordersOf(alice.id), 1);
  });

  test('the same key with another body is a 422', async () => {
    const key = randomUUID();
    await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] }, key);
    const other = await world.checkout(alice, { items: [{ productId: mug.id, quantity: 2 }] }, key);
    assert.equal(other.status, 422);
    assert.equal(other.body.code, 'idempotency_key_reused');
    assert.equal(await ordersOf(alice.id), 2);
  });

  test('concurrent requests with one key make one order and all get its answer', async () => {
    const bob = await world.shop.customer('Bob');
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        world.checkout(bob, { items: [{ productId: mug.id, quantity: 1 }] }, key),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(8).fill(201),
    );
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(await ordersOf(bob.id), 1);
  });

  test('keys belong to their user: another user with the same key gets their own order', async () => {
    const carol = await world.shop.customer('Carol');
    const key = randomUUID();
    const body = { items: [{ productId: mug.id, quantity: 1 }] };
    const a = await world.checkout(alice, body, key);
    const c = await world.checkout(carol, body, key);
    assert.notEqual(a.body.id, c.body.id);
    assert.equal(c.body.userId, carol.id);
  });
});

checkoutCapsTests(() => world);
