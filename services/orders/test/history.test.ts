import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let alice: Customer;
let bob: Customer;
let admin: { id: string; token: string };
let mug: ProductRef;
let lamp: ProductRef;

before(async () => {
  world = await startOrders();
  [alice, bob, admin] = await Promise.all([
    world.shop.customer('Alice'),
    world.shop.customer('Bob'),
    world.shop.admin(),
  ]);
  [mug, lamp] = await Promise.all([
    world.shop.product({ price: 1000, stock: 100 }),
    world.shop.product({ price: 2500, stock: 100 }),
  ]);
});
after(() => world?.close());

const buy = async (customer: Customer, productId = mug.id, paymentMethod = 'pm_card_visa') =>
  (await world.checkout(customer, { items: [{ productId, quantity: 1 }], paymentMethod })).body;

describe('order history', () => {
  test('lists own orders newest first, filtered by status, a page at a time', async () => {
    const paid = [await buy(alice), await buy(alice), await buy(alice)];
    const failed = await buy(alice, mug.id, 'pm_card_chargeDeclined');
    await buy(bob);

    const first = await world.api('GET', '/api/v1/orders?limit=2', { token: alice.token });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.items.map((o: { id: string }) => o.id),
      [failed.id, paid[2].id],
    );
    assert.ok(first.body.nextCursor);
    const second = await world.api('GET', `/api/v1/orders?limit=2&cursor=${first.body.nextCursor}`, {
      token: alice.token,
    });
    assert.deepEqual(
      second.body.items.map((o: { id: string }) => o.id),
      [paid[1].id, paid[0].id],
    );
    assert.equal(second.body.nextCursor, null);
    assert.deepEqual(second.body.items[0], {
      id: paid[1].id,
      userId: alice.id,
      status: 'paid',
      currency: 'EUR',
      subtotal: 1000,
      shipping: 499,
      total: 1499,
      itemCount: 1,
      createdAt: paid[1].createdAt,
      updatedAt: second.body.items[0].updatedAt,
    });

    const onlyFailed = await world.api('GET', '/api/v1/orders?status=payment_failed', { token: alice.token });
    assert.deepEqual(
      onlyFailed.body.items.map((o: { id: string }) => o.id),
      [failed.id],
    );
  });

  test('bad filters and tampered cursors are 400s naming the field', async () => {
    const unknown = await world.api('GET', '/api/v1/orders?colour=red', { token: alice.token });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'query.colour');
    const status = await world.api('GET', '/api/v1/orders?status=lost', { token: alice.token });
    assert.equal(status.status, 400);
    const cursor = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    const tampered = await world.api('GET', `/api/v1/orders?cursor=${cursor}`, { token: alice.token });
    assert.equal(tampered.status, 400);
    assert.equal(tampered.body.errors[0].field, 'query.cursor');
    // As PostgreSQL writes a time, but no such day: a 400, not a failed query.
    for (const at of ['2024-13-45 00:00:00+00', '2023-02-29 12:00:00.123456+00', '2024-01-01 24:30:00+00']) {
      const impossible = Buffer.from(JSON.stringify([at, '3f2504e0-4f89-41d3-9a0c-0305e82c3301'])).toString(
        'base64url',
      );
      const answer = await world.api('GET', `/api/v1/orders?cursor=${impossible}`, { token: alice.token });
      assert.equal(answer.status, 400, at);
      assert.equal(answer.body.errors[0].field, 'query.cursor');
    }
  });

  test("customers cannot list other users' orders; admins list anyone's with filters", async () => {
    const forbidden = await world.api('GET', `/api/v1/orders?userId=${bob.id}`, { token: alice.token });
    assert.equal(forbidden.status, 403);

    const bobs = await world.api('GET', `/api/v1/orders?userId=${bob.id}`, { token: admin.token });
    assert.equal(bobs.status, 200);
    assert.ok(bobs.body.items.length >= 1);
    assert.ok(bobs.body.items.every((o: { userId: string }) => o.userId === bob.id));

    const everyone = await world.api('GET', '/api/v1/orders?limit=100', { token: admin.token });
    const owners = new Set(everyone.body.items.map((o: { userId: string }) => o.userId));
    assert.ok(owners.has(alice.id) && owners.has(bob.id));

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await world.api('GET', `/api/v1/orders?from=${encodeURIComponent(future)}`, {
      token: admin.token,
    });
    assert.deepEqual(none.body.items, []);
    const past = await world.api('GET', `/api/v1/orders?to=${encodeURIComponent(future)}&status=paid`, {
      token: admin.token,
    });
    assert.ok(past.body.items.length >= 4);
  });

  test("one order in full; someone else's is a 404", async () => {
    const order = await buy(alice);
    const mine = await world.api('GET', `/api/v1/orders/${order.id}`, { token: alice.token });
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body, { ...order, timeline: mine.body.timeline, updatedAt: mine.body.updatedAt });
    assert.equal(mine.body.timeline.length, 3);

    const theirs = await world.api('GET', `/api/v1/orders/${order.id}`, { token: bob.token });
    assert.equal(theirs.status, 404);
    assert.equal(theirs.body.code, 'order_not_found');
    const missing = await world.api('GET', `/api/v1/orders/${randomUUID()}`, { token: alice.token });
    assert.equal(missing.status, 404);
    const asAdmin = await world.api('GET', `/api/v1/orders/${order.id}`, { token: admin.token });
    assert.equal(asAdmin.status, 200);
  });
});

describe('shipping and delivery', () => {
  test('an admin ships a paid order with its tracking number, then delivers it', async () => {
    const order = await buy(alice);
    const shipped = await world.api('POST', `/api/v1/orders/${order.id}/ship`, {
      token: admin.token,
      body: { carrier: 'DHL', trackingNumber: 'JD0123' },
    });
    assert.equal(shipped.status, 200);
    assert.equal(shipped.body.status, 'shipped');
    assert.deepEqual(shipped.body.tracking, { carrier: 'DHL', trackingNumber: 'JD0123' });
    assert.deepEqual(shipped.body.timeline.at(-1).tracking, { carrier: 'DHL', trackingNumber: 'JD0123' });

    const cancel = await world.api('POST', `/api/v1/orders/${order.id}/cancel`, { token: alice.token });
    assert.equal(cancel.status, 409, 'too late to cancel');

    const delivered = await world.api('POST', `/api/v1/orders/${order.id}/deliver`, { token: admin.token });
    assert.equal(delivered.status, 200);
    assert.equal(delivered.body.status, 'delivered');
    const events = await world.db.query(
      'SELECT event_type, envelope FROM outbox WHERE aggregate_id = $1 ORDER BY id',
      [order.id],
    );
    assert.deepEqual(
      events.rows.map((r) => r.event_type),
      [
        'order.placed.v1',
        'order.awaiting_payment.v1',
        'order.paid.v1',
        'order.shipped.v1',
        'order.delivered.v1',
      ],
    );
    assert.equal(events.rows[3].envelope.payload.trackingNumber, 'JD0123');
  });

  test('illegal transitions are 409s, and only admins ship', async () => {
    const unpaid = await buy(alice, mug.id, 'pm_card_chargeDeclined');
    const ship = await world.api('POST', `/api/v1/orders/${unpaid.id}/ship`, {
      token: admin.token,
      body: { carrier: 'DHL', trackingNumber: '1' },
    });
    assert.equal(ship.status, 409);
    assert.equal(ship.body.code, 'illegal_transition');
    assert.deepEqual([ship.body.from, ship.body.to], ['payment_failed', 'shipped']);

    const paid = await buy(alice);
    const deliver = await world.api('POST', `/api/v1/orders/${paid.id}/deliver`, { token: admin.token });
    assert.equal(deliver.status, 409);

    const byCustomer = await world.api('POST', `/api/v1/orders/${paid.id}/ship`, {
      token: alice.token,
      body: { carrier: 'DHL', trackingNumber: '1' },
    });
    assert.equal(byCustomer.status, 403);
    const { rows } = await world.db.query('SELECT status FROM orders WHERE id = $1', [paid.id]);
    assert.equal(rows[0].status, 'paid');
  });
});

describe('reorder', () => {
  test('puts the products back in the cart at current prices and reports what changed', async () => {
    const carol = await world.shop.customer('Carol');
    const gone = await world.shop.product({ price: 700, stock: 5 });
    const order = (
      await world.checkout(carol, {
        items: [
          { productId: mug.id, quantity: 2 },
          { productId: lamp.id, quantity: 1 },
          { productId: gone.id, quantity: 1 },
        ],
      })
    ).body;
    assert.equal(order.status, 'paid');
    await world.shop.editProduct(lamp.id, { price: 2200 });
    await world.shop.editProduct(gone.id, { status: 'archived' });

    const answer = await world.api('POST', `/api/v1/orders/${order.id}/reorder`, { token: carol.token });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.added, [
      { productId: mug.id, quantity: 2 },
      { productId: lamp.id, quantity: 1 },
    ]);
    assert.deepEqual(answer.body.unavailable, [{ productId: gone.id, name: gone.name, reason: 'not_sold' }]);
    assert.deepEqual(answer.body.priceChanges, [
      { productId: lamp.id, name: lamp.name, oldUnitPrice: 2500, newUnitPrice: 2200 },
    ]);
    assert.equal(answer.body.cart.subtotal, 2 * 1000 + 2200);
    const { rows } = await world.db.query('SELECT product_id FROM cart_items WHERE user_id = $1', [carol.id]);
    assert.deepEqual(rows.map((r) => r.product_id).sort(), [mug.id, lamp.id].sort());

    const notTheirs = await world.api('POST', `/api/v1/orders/${order.id}/reorder`, { token: bob.token });
    assert.equal(notTheirs.status, 404);
  });
});
