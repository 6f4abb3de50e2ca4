/**
 * The gateway: one client holding the connections everyone shares. Found on a running stack: ~130
 * order streams of one customer took every gateway connection to orders, so carts, checkouts and
 * Stripe's webhooks hung for everyone; a body sent a byte at a time to the webhook route (exempt from
 * rate limits) held a gateway→orders connection indefinitely. Now streams travel over connections of
 * their own and are admitted per address and per replica, webhooks are budgeted when signed, and a
 * body that pauses is refused with a 408.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { it } from 'node:test';
import { createCategory, createProduct, type Product } from '../../e2e/support/catalog.js';
import { shippingAddress } from '../../e2e/support/customers.js';
import type { Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';
import { follow } from '../support/order-stream.js';

const PASSWORD = 'a gateway attack passphrase 3';
// The gateway's defaults: 16 streams per address; orders lets one user hold 5.
const STREAMS_PER_ADDRESS = 16;
const STREAMS_PER_USER = 5;

interface Person {
  client: Client;
  token: string;
}

async function customer(client: Client, name: string): Promise<Person> {
  const email = `${name}-${randomUUID().slice(0, 8)}@gateway-attack.test`;
  const registered = await client.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  assert.equal(registered.status, 202, JSON.stringify(registered.body));
  const login = await client.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { client, token: login.body.accessToken as string };
}

async function product(shop: Shop): Promise<Product> {
  const admin = asClient(shop, '198.51.100.160');
  const asAdmin: Shop = { ...shop, call: admin.call };
  const token = await shop.adminToken();
  const category = await createCategory(asAdmin, token, `Gateway attack ${randomUUID().slice(0, 6)}`);
  return createProduct(asAdmin, token, {
    name: `Siege kettle ${randomUUID().slice(0, 6)}`,
    price: 2500,
    categoryId: category.id,
    brand: 'Siege',
    onHand: 100,
  });
}

/** An order left waiting for 3-D Secure: a stream on it stays open. */
async function unpaidOrder(person: Person, item: Product): Promise<string> {
  const placed = await person.client.call('POST', '/api/v1/orders', {
    token: person.token,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      paymentMethod: 'pm_card_threeDSecure2Required',
      shippingAddress: shippingAddress('Mallory'),
      items: [{ productId: item.id, quantity: 1 }],
    },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id as string;
}

/** Sends a request head and a body one byte every `everyMs`; resolves with the raw answer. */
function trickle(gatewayUrl: string, address: string, everyMs: number): Promise<string> {
  const { hostname, port } = new URL(gatewayUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    const timer = setInterval(() => socket.writable && socket.write('a'), everyMs);
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
    socket.on('error', (error) => (answer ? undefined : reject(error)));
    socket.write(
      'POST /api/v1/payments/webhook HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n' +
        `X-Forwarded-For: ${address}\r\nStripe-Signature: t=1,v1=00\r\nContent-Length: 5000\r\n\r\n{`,
    );
  });
}

/** The suite's gateway: bodies may pause 2 s (10 s by default), so the attack is refused quickly. */
const BODY_IDLE_SECONDS = 2;

export const attacks: AttackGroup = {
  name: 'gateway',
  env: { BODY_IDLE_TIMEOUT_MS: String(BODY_IDLE_SECONDS * 1000) },
  register(shop) {
    it('order streams from one address past the caps are refused, and carts, checkouts and webhooks go on', async (t) => {
      const kettle = await product(shop());
      const mallet = asClient(shop(), '198.51.100.161');
      // Enough accounts behind one address that orders' per-user cap is not what stops them.
      const accounts = await Promise.all(
        Array.from({ length: 4 }, (_, i) => customer(mallet, `mallory${i}`)),
      );
      const orders = await Promise.all(accounts.map((account) => unpaidOrder(account, kettle)));
      const streams = await Promise.all(
        accounts.flatMap((account, i) =>
          Array.from({ length: STREAMS_PER_USER }, () => follow(shop(), account, orders[i]!)),
        ),
      );
      try {
        const bob = await customer(asClient(shop(), '198.51.100.162'), 'bob');
        const cart = await bob.client.call('PUT', `/api/v1/cart/items/${kettle.id}`, {
          token: bob.token,
          body: { quantity: 1 },
        });
        const bought = await bob.client.call('POST', '/api/v1/orders', {
          token: bob.token,
          headers: { 'idempotency-key': randomUUID() },
          body: { paymentMethod: 'pm_card_visa', shippingAddress: shippingAddress('Bob') },
        });
        const history = await bob.client.call('GET', '/api/v1/orders', { token: bob.token });
        const open = streams.filter((stream) => stream.status === 200).length;
        const refused = await Promise.all(
          streams
            .filter((stream) => stream.status !== 200)
            .map(
              async (stream) =>
                `${stream.status} ${((await stream.response.json()) as { code: string }).code}`,
            ),
        );
        tried(
          t,
          `${streams.length} order streams from one address (4 accounts × ${STREAMS_PER_USER}), kept open; another customer shops`,
          `${open} open, refused: ${[...new Set(refused)].join(', ')} (${refused.length}); the other customer: cart ${cart.status}, checkout ${bought.status} ${bought.body.status}, history ${history.status}`,
        );
        assert.equal(open, STREAMS_PER_ADDRESS);
        assert.deepEqual(new Set(refused), new Set(['429 too_many_streams']));
        assert.equal(cart.status, 200);
        assert.equal(bought.status, 201);
        assert.equal(bought.body.status, 'paid', 'the webhook and the payment went through');
        assert.equal(history.status, 200);
      } finally {
        await Promise.all(streams.map((stream) => stream.close()));
      }
    });

    it('bodies sent a byte at a time to the webhook route are refused with 408, and others are served meanwhile', async (t) => {
      const slow = Array.from({ length: 20 }, (_, i) =>
        trickle(shop().stack.gatewayUrl, `198.51.100.${170 + i}`, (BODY_IDLE_SECONDS + 3) * 1000),
      );
      const bob = await customer(asClient(shop(), '198.51.100.163'), 'bobby');
      const served = await bob.client.call('GET', '/api/v1/cart', { token: bob.token });
      const answers = await Promise.all(slow);
      const statuses = answers.map((answer) => /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'none');
      tried(
        t,
        `20 signed webhook bodies of 5,000 bytes, one byte every ${BODY_IDLE_SECONDS + 3} s, from 20 addresses; another customer reads the cart`,
        `${[...new Set(statuses)].join(', ')} for all 20 (after the ${BODY_IDLE_SECONDS} s idle limit); the cart answered ${served.status}`,
      );
      assert.deepEqual(statuses, Array<string>(20).fill('408'));
      for (const answer of answers) assert.match(answer, /"code":"request_timeout"/);
      assert.equal(served.status, 200);
    });
  },
};
