/**
 * Orders end to end, through the gateway of a stack started by the launcher (every service its own
 * process on its own database, events over the real bus): a customer registers, browses, fills a
 * cart, checks out with a card that needs 3-D Secure, and follows the order live (Server-Sent
 * Events) while the payment completes by webhook and an admin ships and delivers it; then the
 * catalog changes under a cart, and the customer deletes their account.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { createCategory, createProduct } from './support/catalog.js';
import { PASSWORD, checkout, registerCustomer } from './support/customers.js';
import { followOrder } from './support/order-events.js';
import { launchShop, type Shop } from './support/shop.js';

let shop: Shop;

before(async () => {
  shop = await launchShop('orders');
});

after(async () => {
  await shop?.stop();
});

const call = (...args: Parameters<Shop['call']>) => shop.call(...args);

test('register → browse → cart → checkout → paid, followed live while an admin ships and delivers', async () => {
  // The shop has something to sell.
  const admin = await shop.adminToken();
  const category = await createCategory(shop, admin, 'Lamps');
  const lamp = await createProduct(shop, admin, {
    name: 'Brass desk lamp',
    price: 3450,
    categoryId: category.id,
    brand: 'Lumen',
    onHand: 5,
  });

  // A customer arrives.
  const eve = await registerCustomer(shop, 'Eve');
  const { token } = eve;

  const found = await call('GET', `/api/v1/products/${lamp.id}`);
  assert.equal(found.status, 200);
  assert.equal(found.body.name, 'Brass desk lamp');

  const cart = await call('PUT', `/api/v1/cart/items/${found.body.id}`, { token, body: { quantity: 2 } });
  assert.equal(cart.status, 200);
  assert.equal(cart.body.subtotal, 6900);

  const placed = await checkout(shop, eve, 'pm_card_threeDSecure2Required');
  assert.equal(placed.status, 201);
  assert.equal(placed.body.status, 'awaiting_payment');
  assert.equal(placed.body.total, 6900, 'free shipping above 50.00');
  const orderId = placed.body.id as string;

  // Follow it live through the gateway.
  const events = await followOrder(shop.stack.gatewayUrl, orderId, token);
  const nextStatus = async () => (await events.next())?.status;
  assert.equal(await nextStatus(), 'awaiting_payment');

  // The customer passes 3-D Secure; the webhook (through the gateway) settles the payment.
  const intents = await shop.sandbox('GET', `/_sandbox/events?type=payment_intent.requires_action`);
  const intent = intents.body.items.find(
    (e: { event: { data: { object: { metadata: { order_id: string } } } } }) =>
      e.event.data.object.metadata.order_id === orderId,
  ).event.data.object.id as string;
  await shop.sandbox('POST', `/_sandbox/payment_intents/${intent}/complete_action`, { outcome: 'succeed' });
  assert.equal(await nextStatus(), 'paid');

  const shipped = await call('POST', `/api/v1/orders/${orderId}/ship`, {
    token: admin,
    body: { carrier: 'La Poste', trackingNumber: 'LP123456789FR' },
  });
  assert.equal(shipped.status, 200);
  assert.equal(await nextStatus(), 'shipped');
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/deliver`, { token: admin })).status, 200);
  assert.equal(await nextStatus(), 'delivered');
  assert.equal(await nextStatus(), undefined, 'the stream ends after delivery');

  const order = await call('GET', `/api/v1/orders/${orderId}`, { token });
  assert.deepEqual(
    order.body.timeline.map((t: { status: string }) => t.status),
    ['pending', 'awaiting_payment', 'paid', 'shipped', 'delivered'],
  );
  assert.deepEqual(order.body.tracking, { carrier: 'La Poste', trackingNumber: 'LP123456789FR' });
  assert.deepEqual((await call('GET', '/api/v1/cart', { token })).body.items, [], 'the cart was emptied');
  const stock = await call('GET', `/api/v1/products/${found.body.id}/inventory`, { token: admin });
  assert.deepEqual([stock.body.onHand, stock.body.reserved], [3, 0]);
});

test('a cart follows the catalog, and a deleted account leaves its orders anonymised', async () => {
  const admin = await shop.adminToken();
  const category = await createCategory(shop, admin, 'Kettles');
  const [kettle, teapot] = await Promise.all(
    [
      { name: 'Steel kettle', price: 3000 },
      { name: 'Clay teapot', price: 2000 },
    ].map((item) =>
      createProduct(shop, admin, { ...item, categoryId: category.id, brand: 'Lumen', onHand: 5 }),
    ),
  );
  const fay = await registerCustomer(shop, 'Fay');
  for (const item of [kettle!, teapot!]) {
    const put = await call('PUT', `/api/v1/cart/items/${item.id}`, {
      token: fay.token,
      body: { quantity: 1 },
    });
    assert.equal(put.status, 200);
  }

  // The shop reprices one and deletes the other.
  const current = await call('GET', `/api/v1/products/${kettle!.id}`, { token: admin });
  const repriced = await call('PATCH', `/api/v1/products/${kettle!.id}`, {
    token: admin,
    body: { price: 3300 },
    headers: { 'if-match': current.headers.get('etag')! },
  });
  assert.equal(repriced.status, 200);
  assert.equal((await call('DELETE', `/api/v1/products/${teapot!.id}`, { token: admin })).status, 204);

  const cart = await call('GET', '/api/v1/cart', { token: fay.token });
  assert.deepEqual(
    cart.body.items.map((line: Record<string, unknown>) => [
      line.name,
      line.status,
      line.unavailableReason,
      line.unitPrice,
      line.addedUnitPrice,
      line.priceChanged,
    ]),
    [
      ['Steel kettle', 'available', null, 3300, 3000, true],
      ['Clay teapot', 'unavailable', 'product_deleted', null, 2000, false],
    ],
  );
  const refused = await checkout(shop, fay, 'pm_card_visa');
  assert.equal(refused.status, 422);
  assert.deepEqual(
    refused.body.unavailable.map((u: { name: string; reason: string }) => [u.name, u.reason]),
    [['Clay teapot', 'product_deleted']],
  );
  assert.equal((await call('DELETE', `/api/v1/cart/items/${teapot!.id}`, { token: fay.token })).status, 204);
  const paid = await checkout(shop, fay, 'pm_card_visa');
  assert.equal(paid.status, 201);
  assert.deepEqual([paid.body.status, paid.body.total], ['paid', 3300 + 499]);

  // Fay leaves: users tells orders over the bus. Her paid order can no longer be shipped to
  // anyone, so it is refunded, and it stays for the books without her address.
  const deleted = await call('DELETE', '/api/v1/users/me', {
    token: fay.token,
    body: { password: PASSWORD },
  });
  assert.equal(deleted.status, 204);
  const order = await waitFor(
    async () => {
      const seen = await call('GET', `/api/v1/orders/${paid.body.id}`, { token: admin });
      assert.equal(seen.body.status, 'refunded', 'the unshipped order is refunded');
      return seen.body;
    },
    { timeoutMs: 20_000 },
  );
  assert.equal(order.shippingAddress, null);
  assert.ok(order.anonymisedAt);
  assert.deepEqual(
    [order.total, order.lines.map((line: { name: string }) => line.name)],
    [3799, ['Steel kettle']],
  );
  const stock = await call('GET', `/api/v1/products/${kettle!.id}/inventory`, { token: admin });
  assert.deepEqual([stock.body.onHand, stock.body.reserved], [5, 0], 'the kettle is back on the shelf');
});
