/**
 * Input that passes a quick look but that PostgreSQL or JavaScript cannot take (a leap second, half
 * an emoji, numbers past every bound) is a 4xx naming the field, never a 500, and writes nothing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, TEST_ADDRESS, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let alice: Customer;
let admin: { id: string; token: string };
let mug: ProductRef;
before(async () => {
  world = await startOrders();
  admin = await world.shop.admin();
  alice = await world.shop.customer('Alice');
  mug = await world.shop.product({ price: 1000, stock: 50 });
});
after(() => world?.close());

const LONE_SURROGATE = 'Ada \uD83D';

describe('hostile input', () => {
  test('a leap second in a date filter is read as the next second, not a 500', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const leap = await world.api('GET', '/api/v1/orders?from=2016-12-31T23:59:60Z', { token: alice.token });
    assert.equal(leap.status, 200, JSON.stringify(leap.body));
    assert.ok(leap.body.items.some((o: { id: string }) => o.id === order.id));
    const before2017 = await world.api('GET', '/api/v1/orders?to=2016-12-31T23:59:60.5%2B00:00', {
      token: admin.token,
    });
    assert.equal(before2017.status, 200, JSON.stringify(before2017.body));
    assert.deepEqual(before2017.body.items, []);
  });

  test('half a surrogate pair in an address is a 400 naming the field, and no order is made', async () => {
    const ordersOfAlice = async () =>
      (await world.db.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [alice.id])).rows[0]
        .n;
    const before = await ordersOfAlice();
    const answer = await world.checkout(alice, {
      shippingAddress: { ...TEST_ADDRESS, name: LONE_SURROGATE },
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.errors[0].field, 'body.shippingAddress.name');
    assert.equal(await ordersOfAlice(), before, 'no order');

    // A whole emoji is text like any other.
    const emoji = await world.checkout(alice, {
      shippingAddress: { ...TEST_ADDRESS, name: 'Ada \u{1F600}', line2: '\u{1F3E0}' },
      items: [{ productId: mug.id, quantity: 1 }],
    });
    assert.equal(emoji.status, 201, JSON.stringify(emoji.body));
    assert.equal(emoji.body.shippingAddress.name, 'Ada \u{1F600}');
  });

  test('half a surrogate pair in a tracking number is a 400, and the order stays as it was', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const answer = await world.api('POST', `/api/v1/orders/${order.id}/ship`, {
      token: admin.token,
      body: { carrier: 'UPS', trackingNumber: LONE_SURROGATE },
    });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.errors[0].field, 'body.trackingNumber');
    const { rows } = await world.db.query('SELECT status FROM orders WHERE id = $1', [order.id]);
    assert.equal(rows[0].status, 'paid');
  });

  test('numbers past their documented maximum are 400s naming the field', async () => {
    const cases: [string, string, unknown, string][] = [
      ['PUT', `/api/v1/cart/items/${mug.id}`, { quantity: 100 }, 'body.quantity'],
      ['PUT', `/api/v1/cart/items/${mug.id}`, { quantity: 1e20 }, 'body.quantity'],
      ['GET', '/api/v1/orders?limit=101', undefined, 'query.limit'],
      ['GET', '/api/v1/orders?limit=99999999999999999999', undefined, 'query.limit'],
      [
        'POST',
        '/api/v1/orders',
        {
          paymentMethod: 'pm_card_visa',
          shippingAddress: TEST_ADDRESS,
          items: [{ productId: mug.id, quantity: 2 ** 31 }],
        },
        'body.items.0.quantity',
      ],
    ];
    for (const [method, url, body, field] of cases) {
      const answer = await world.api(method, url, {
        token: alice.token,
        headers: { 'idempotency-key': randomUUID() },
        ...(body === undefined ? {} : { body }),
      });
      assert.equal(answer.status, 400, `${method} ${url}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.errors[0].field, field, `${method} ${url}`);
    }
    const { rows } = await world.db.query('SELECT count(*)::int AS n FROM cart_items WHERE user_id = $1', [
      alice.id,
    ]);
    assert.equal(rows[0].n, 0, 'nothing went into the cart');
  });

  test('a Last-Event-ID longer than 15 digits is a 400 before any stream starts', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const response = await fetch(`${world.ordersUrl}/api/v1/orders/${order.id}/events`, {
      headers: {
        authorization: `Bearer ${alice.token}`,
        accept: 'text/event-stream',
        'last-event-id': '9'.repeat(16),
      },
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    assert.equal(problem.errors[0]!.field, 'headers.last-event-id');
    assert.equal(world.orders.streams.count(), 0, 'no stream was opened');
  });
});
