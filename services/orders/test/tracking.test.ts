import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Customer, ProductRef } from './support/shop.js';
import { readEvents } from './support/sse.js';
import { startOrders, type OrdersUnderTest } from './support/orders-under-test.js';
import { trackingLimitsTests } from './tracking-limits.js';

let world: OrdersUnderTest;
let alice: Customer;
let admin: { id: string; token: string };
let mug: ProductRef;

before(async () => {
  world = await startOrders({ SSE_HEARTBEAT_MS: '300' });
  [alice, admin] = await Promise.all([world.shop.customer('Alice'), world.shop.admin()]);
  mug = await world.shop.product({ price: 1000, stock: 100 });
});
after(() => world?.close());

const open = (orderId: string, token: string, headers: Record<string, string> = {}) =>
  fetch(`${world.ordersUrl}/api/v1/orders/${orderId}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
  });

describe('live tracking (Server-Sent Events)', () => {
  test('sends the current status at once, each change as it happens, and closes when delivered', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const response = await open(order.id, alice.token);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const stream = readEvents(response);

    const first = await stream.next();
    assert.equal(first.event, 'status');
    assert.equal(first.data.status, 'paid');
    assert.equal(first.id, String(order.timeline.at(-1).id));

    await world.api('POST', `/api/v1/orders/${order.id}/ship`, {
      token: admin.token,
      body: { carrier: 'UPS', trackingNumber: '1Z999' },
    });
    const shipped = await stream.next();
    assert.equal(shipped.data.status, 'shipped');
    assert.deepEqual(shipped.data.tracking, { carrier: 'UPS', trackingNumber: '1Z999' });
    assert.ok(Number(shipped.id) > Number(first.id));

    await world.api('POST', `/api/v1/orders/${order.id}/deliver`, { token: admin.token });
    const delivered = await stream.next();
    assert.equal(delivered.data.status, 'delivered');
    assert.deepEqual(Object.keys(delivered.data).sort(), ['at', 'reason', 'status']);
    assert.equal(await stream.ended(), true, 'the stream closes after a terminal status');
  });

  test('resumes after Last-Event-ID with every entry it missed', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const pendingId = order.timeline[0].id;
    const stream = readEvents(await open(order.id, alice.token, { 'last-event-id': String(pendingId) }));
    assert.deepEqual(
      [(await stream.next()).data.status, (await stream.next()).data.status],
      ['awaiting_payment', 'paid'],
    );
    await stream.close();
  });

  test('keeps an idle stream alive with heartbeat comments', async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const stream = readEvents(await open(order.id, alice.token));
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.ok(stream.heartbeats() >= 1, 'a heartbeat arrived');
    assert.equal(world.orders.followers(), 1);
    await stream.close();
    await waitFor(() => assert.equal(world.orders.followers(), 0, 'the stream was cleaned up'));
  });

  test('a change made on another replica reaches the stream at once', async () => {
    const other = await buildApp(loadConfig(world.ordersEnv));
    const otherUrl = await other.app.listen({ host: '127.0.0.1', port: 0 });
    await other.start();
    try {
      const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
      const response = await fetch(`${otherUrl}/api/v1/orders/${order.id}/events`, {
        headers: { authorization: `Bearer ${alice.token}`, accept: 'text/event-stream' },
      });
      const stream = readEvents(response);
      assert.equal((await stream.next()).data.status, 'paid');
      // Shipped through this replica; the stream is served by the other one.
      await world.api('POST', `/api/v1/orders/${order.id}/ship`, {
        token: admin.token,
        body: { carrier: 'DPD', trackingNumber: '0001' },
      });
      assert.equal((await stream.next()).data.status, 'shipped');
      await stream.close();
    } finally {
      await other.app.close();
      await other.stop();
    }
  });

  test("another user's order is a 404, and no token a 401", async () => {
    const order = (await world.checkout(alice, { items: [{ productId: mug.id, quantity: 1 }] })).body;
    const bob = await world.shop.customer('Bob');
    const theirs = await open(order.id, bob.token);
    assert.equal(theirs.status, 404);
    await theirs.body?.cancel();
    const anonymous = await fetch(`${world.ordersUrl}/api/v1/orders/${order.id}/events`);
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();
  });
});

trackingLimitsTests(() => world);
