/**
 * Orders end to end, through the gateway of a stack started by the launcher (every service its own
 * process on its own database, events over the real bus): a customer registers, browses, fills a
 * cart, checks out with a card that needs 3-D Secure, and follows the order live (Server-Sent
 * Events) while the payment completes by webhook and an admin ships and delivers it; then the
 * catalog changes under a cart, and the customer deletes their account.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startStack, type Stack } from '@shop/launcher';
import { waitFor } from '@shop/platform/testing';

const ADMIN = { email: 'admin@e2e.test', password: 'an admin passphrase for e2e 7' };
const ADDRESS = {
  name: 'Eve',
  line1: '1 Market Street',
  line2: null,
  city: 'Lyon',
  postalCode: '69001',
  region: null,
  country: 'FR',
  phone: null,
};

let stack: Stack;
let dataDir: string;
let sandboxKey: string;

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const sandbox = path.startsWith('/_sandbox');
  const base = sandbox ? stack.urls['payments-sandbox']! : stack.gatewayUrl;
  const token = sandbox ? sandboxKey : options.token;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body: any =
    (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, body, headers: response.headers };
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'e2e-orders-'));
  stack = await startStack({
    dataDir,
    ephemeralPorts: true,
    seedProducts: 0,
    logLevel: 'warn',
    onLog: () => undefined,
    ...(process.env.TEST_DATABASE_URL
      ? {
          postgresUrl: process.env.TEST_DATABASE_URL,
          temporaryDatabasePrefix: `e2e_orders_${randomBytes(4).toString('hex')}_`,
        }
      : {}),
    env: {
      ...process.env,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      SSE_HEARTBEAT_MS: '1000',
    },
  });
  sandboxKey = (
    JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as { stripeSecretKey: string }
  ).stripeSecretKey;
  // Webhooks come in through the gateway, as they would from Stripe.
  await call('PUT', '/_sandbox/config', {
    body: { webhookUrl: `${stack.gatewayUrl}/api/v1/payments/webhook` },
  });
});

after(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const adminToken = async () =>
  (await call('POST', '/api/v1/auth/login', { body: ADMIN })).body.accessToken as string;

async function customer(name: string) {
  const email = `e2e-${randomUUID()}@shop.test`;
  const password = 'a customer passphrase 4 e2e';
  assert.equal(
    (await call('POST', '/api/v1/auth/register', { body: { email, password, name } })).status,
    201,
  );
  const token = (await call('POST', '/api/v1/auth/login', { body: { email, password } })).body
    .accessToken as string;
  return { token, password };
}

async function product(admin: string, categoryId: string, name: string, price: number, onHand: number) {
  const created = await call('POST', '/api/v1/products', {
    token: admin,
    body: {
      sku: `E2E-${randomUUID().slice(0, 8)}`,
      name,
      description: `${name}, for the end-to-end test`,
      price,
      currency: 'EUR',
      categoryId,
      brand: 'Lumen',
      status: 'active',
    },
  });
  assert.equal(created.status, 201);
  await call('PUT', `/api/v1/products/${created.body.id}/inventory`, { token: admin, body: { onHand } });
  return created.body as { id: string; name: string };
}

test('register → browse → cart → checkout → paid, followed live while an admin ships and delivers', async () => {
  // The shop has something to sell.
  const admin = await adminToken();
  const category = await call('POST', '/api/v1/categories', { token: admin, body: { name: 'Lamps' } });
  const lamp = await product(admin, category.body.id, 'Brass desk lamp', 3450, 5);

  // A customer arrives.
  const { token } = await customer('Eve');

  const found = await call('GET', `/api/v1/products/${lamp.id}`);
  assert.equal(found.status, 200);
  assert.equal(found.body.name, 'Brass desk lamp');

  const cart = await call('PUT', `/api/v1/cart/items/${found.body.id}`, { token, body: { quantity: 2 } });
  assert.equal(cart.status, 200);
  assert.equal(cart.body.subtotal, 6900);

  const placed = await call('POST', '/api/v1/orders', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { paymentMethod: 'pm_card_threeDSecure2Required', shippingAddress: ADDRESS },
  });
  assert.equal(placed.status, 201);
  assert.equal(placed.body.status, 'awaiting_payment');
  assert.equal(placed.body.total, 6900, 'free shipping above 50.00');
  const orderId = placed.body.id as string;

  // Follow it live through the gateway.
  const stream = await fetch(`${stack.gatewayUrl}/api/v1/orders/${orderId}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
  });
  assert.equal(stream.status, 200);
  const statuses = readStatuses(stream);
  assert.equal(await statuses.next(), 'awaiting_payment');

  // The customer passes 3-D Secure; the webhook (through the gateway) settles the payment.
  const intents = await call('GET', `/_sandbox/events?type=payment_intent.requires_action`);
  const intent = intents.body.items.find(
    (e: { event: { data: { object: { metadata: { order_id: string } } } } }) =>
      e.event.data.object.metadata.order_id === orderId,
  ).event.data.object.id as string;
  await call('POST', `/_sandbox/payment_intents/${intent}/complete_action`, { body: { outcome: 'succeed' } });
  assert.equal(await statuses.next(), 'paid');

  const shipped = await call('POST', `/api/v1/orders/${orderId}/ship`, {
    token: admin,
    body: { carrier: 'La Poste', trackingNumber: 'LP123456789FR' },
  });
  assert.equal(shipped.status, 200);
  assert.equal(await statuses.next(), 'shipped');
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/deliver`, { token: admin })).status, 200);
  assert.equal(await statuses.next(), 'delivered');
  assert.equal(await statuses.next(), undefined, 'the stream ends after delivery');

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
  const admin = await adminToken();
  const category = await call('POST', '/api/v1/categories', { token: admin, body: { name: 'Kettles' } });
  const [kettle, teapot] = await Promise.all([
    product(admin, category.body.id, 'Steel kettle', 3000, 5),
    product(admin, category.body.id, 'Clay teapot', 2000, 5),
  ]);
  const fay = await customer('Fay');
  for (const item of [kettle, teapot]) {
    const put = await call('PUT', `/api/v1/cart/items/${item.id}`, {
      token: fay.token,
      body: { quantity: 1 },
    });
    assert.equal(put.status, 200);
  }

  // The shop reprices one and deletes the other.
  const current = await call('GET', `/api/v1/products/${kettle.id}`, { token: admin });
  const repriced = await call('PATCH', `/api/v1/products/${kettle.id}`, {
    token: admin,
    body: { price: 3300 },
    headers: { 'if-match': current.headers.get('etag')! },
  });
  assert.equal(repriced.status, 200);
  assert.equal((await call('DELETE', `/api/v1/products/${teapot.id}`, { token: admin })).status, 204);

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
  const checkout = () =>
    call('POST', '/api/v1/orders', {
      token: fay.token,
      headers: { 'idempotency-key': randomUUID() },
      body: { paymentMethod: 'pm_card_visa', shippingAddress: { ...ADDRESS, name: 'Fay' } },
    });
  const refused = await checkout();
  assert.equal(refused.status, 422);
  assert.deepEqual(
    refused.body.unavailable.map((u: { name: string; reason: string }) => [u.name, u.reason]),
    [['Clay teapot', 'product_deleted']],
  );
  assert.equal((await call('DELETE', `/api/v1/cart/items/${teapot.id}`, { token: fay.token })).status, 204);
  const paid = await checkout();
  assert.equal(paid.status, 201);
  assert.deepEqual([paid.body.status, paid.body.total], ['paid', 3300 + 499]);

  // Fay leaves: users tells orders over the bus. Her paid order can no longer be shipped to
  // anyone, so it is refunded, and it stays for the books without her address.
  const deleted = await call('DELETE', '/api/v1/users/me', {
    token: fay.token,
    body: { password: fay.password },
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
  const stock = await call('GET', `/api/v1/products/${kettle.id}/inventory`, { token: admin });
  assert.deepEqual([stock.body.onHand, stock.body.reserved], [5, 0], 'the kettle is back on the shelf');
});

/** The `status` of each Server-Sent Event, in order; undefined once the stream has ended. */
function readStatuses(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<string | undefined> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data:'));
          if (data) return JSON.parse(data.slice(5)).status as string;
          continue; // retry hint or heartbeat
        }
        if (Date.now() > deadline) throw new Error('no event within 15 s');
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += value;
      }
    },
  };
}
