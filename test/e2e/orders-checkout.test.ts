/**
 * The whole shop, end to end, through the gateway: a customer registers, browses, fills a cart,
 * checks out with a card that needs 3-D Secure, and follows the order live (Server-Sent Events)
 * while the payment completes by webhook and an admin ships and delivers it.
 *
 * Every service runs as its own process on its own database, started here directly (the
 * launcher's startStack can take this over once it exists).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SANDBOX_KEY = 'sk_test_e2e';
const ADMIN = { email: 'admin@e2e.test', password: 'an admin passphrase for e2e 7' };

const children: ChildProcess[] = [];
const databases: TestDatabase[] = [];
let dataDir: string;
let gateway: string;
let sandbox: string;

async function startService(name: string, env: Record<string, string>): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', `services/${name}/src/main.ts`],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: process.env.TEST_LOG ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start`)), 90_000);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready' || !message.url) return;
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const base = path.startsWith('/_sandbox') ? sandbox : gateway;
  const token = path.startsWith('/_sandbox') ? SANDBOX_KEY : options.token;
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
  return { status: response.status, body };
}

before(async () => {
  for (const name of ['e2e_users', 'e2e_products', 'e2e_orders', 'e2e_bus'])
    databases.push(await createTestDatabase(name));
  const [usersDb, productsDb, ordersDb, busDb] = databases.map((d) => d.url) as [
    string,
    string,
    string,
    string,
  ];
  dataDir = await mkdtemp(join(tmpdir(), 'e2e-users-'));
  const secrets = { orders: randomBytes(20).toString('hex'), products: randomBytes(20).toString('hex') };

  const users = await startService('users', {
    DATABASE_URL: usersDb,
    BUS_URL: busDb,
    DATA_DIR: dataDir,
    SERVICE_CLIENTS: `orders:${secrets.orders},products:${secrets.products}`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_ITERATIONS: '1',
  });
  const auth = { JWKS_URL: `${users}/.well-known/jwks.json`, TOKEN_URL: `${users}/internal/oauth/token` };
  const products = await startService('products', {
    DATABASE_URL: productsDb,
    BUS_URL: busDb,
    ...auth,
    SERVICE_CLIENT_ID: 'products',
    SERVICE_CLIENT_SECRET: secrets.products,
  });
  sandbox = await startService('payments-sandbox', {
    SANDBOX_API_KEY: SANDBOX_KEY,
    WEBHOOK_SECRET: 'whsec_e2e',
  });
  const orders = await startService('orders', {
    DATABASE_URL: ordersDb,
    BUS_URL: busDb,
    ...auth,
    SERVICE_CLIENT_ID: 'orders',
    SERVICE_CLIENT_SECRET: secrets.orders,
    PRODUCTS_URL: products,
    USERS_URL: users,
    STRIPE_SECRET_KEY: SANDBOX_KEY,
    STRIPE_API_URL: sandbox,
    STRIPE_WEBHOOK_SECRET: 'whsec_e2e',
    SSE_HEARTBEAT_MS: '1000',
  });
  gateway = await startService('gateway', { USERS_URL: users, PRODUCTS_URL: products, ORDERS_URL: orders });
  // Webhooks come in through the gateway, as they would from Stripe.
  await call('PUT', '/_sandbox/config', { body: { webhookUrl: `${gateway}/api/v1/payments/webhook` } });
});

after(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await Promise.allSettled(databases.map((d) => d.drop()));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('register → browse → cart → checkout → paid, followed live while an admin ships and delivers', async () => {
  // The shop has something to sell.
  const admin = (await call('POST', '/api/v1/auth/login', { body: ADMIN })).body.accessToken as string;
  const category = await call('POST', '/api/v1/categories', { token: admin, body: { name: 'Lamps' } });
  const created = await call('POST', '/api/v1/products', {
    token: admin,
    body: {
      sku: `LAMP-${randomUUID().slice(0, 8)}`,
      name: 'Brass desk lamp',
      description: 'Warm light for late work',
      price: 3450,
      currency: 'EUR',
      categoryId: category.body.id,
      brand: 'Lumen',
      status: 'active',
    },
  });
  assert.equal(created.status, 201);
  await call('PUT', `/api/v1/products/${created.body.id}/inventory`, { token: admin, body: { onHand: 5 } });

  // A customer arrives.
  const email = `e2e-${randomUUID()}@shop.test`;
  const password = 'a customer passphrase 4 e2e';
  assert.equal(
    (await call('POST', '/api/v1/auth/register', { body: { email, password, name: 'Eve' } })).status,
    201,
  );
  const token = (await call('POST', '/api/v1/auth/login', { body: { email, password } })).body
    .accessToken as string;

  const found = await call('GET', `/api/v1/products/${created.body.id}`);
  assert.equal(found.status, 200);
  assert.equal(found.body.name, 'Brass desk lamp');

  const cart = await call('PUT', `/api/v1/cart/items/${found.body.id}`, { token, body: { quantity: 2 } });
  assert.equal(cart.status, 200);
  assert.equal(cart.body.subtotal, 6900);

  const placed = await call('POST', '/api/v1/orders', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      paymentMethod: 'pm_card_threeDSecure2Required',
      shippingAddress: {
        name: 'Eve',
        line1: '1 Market Street',
        line2: null,
        city: 'Lyon',
        postalCode: '69001',
        region: null,
        country: 'FR',
        phone: null,
      },
    },
  });
  assert.equal(placed.status, 201);
  assert.equal(placed.body.status, 'awaiting_payment');
  assert.equal(placed.body.total, 6900, 'free shipping above 50.00');
  const orderId = placed.body.id as string;

  // Follow it live through the gateway.
  const stream = await fetch(`${gateway}/api/v1/orders/${orderId}/events`, {
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
