/**
 * Revocation: an ended session keeps nothing. Found on a running stack: a disabled user's access
 * token still read the cart, and their open live-tracking stream still received updates, for the
 * token's remaining 15 minutes, because only the user service checked sessions. Now users publishes
 * user.sessions_revoked.v1 with the sessions that ended, orders and products refuse those tokens as
 * soon as they hear it (every replica, through the database), and orders ends their open streams.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { createCategory, createProduct, type Product } from '../../e2e/support/catalog.js';
import { shippingAddress } from '../../e2e/support/customers.js';
import type { Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';
import { follow } from '../support/order-stream.js';

const PASSWORD = 'a sessions attack passphrase 9';
const NEW_PASSWORD = 'another sessions passphrase 31';
const THREE_D_SECURE = 'pm_card_threeDSecure2Required';

interface Person {
  client: Client;
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

async function signIn(client: Client, email: string, password = PASSWORD) {
  const login = await client.call('POST', '/api/v1/auth/login', { body: { email, password } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { token: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
}

async function customer(client: Client, name: string): Promise<Person> {
  const email = `${name}-${randomUUID().slice(0, 8)}@sessions-attack.test`;
  const registered = await client.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  assert.equal(registered.status, 202, JSON.stringify(registered.body));
  const tokens = await signIn(client, email);
  const me = await client.call('GET', '/api/v1/users/me', { token: tokens.token });
  return { client, email, id: me.body.id as string, ...tokens };
}

/** An order left waiting for 3-D Secure: its stream stays open until something ends it. */
async function unpaidOrder(person: Person, product: Product): Promise<string> {
  const placed = await person.client.call('POST', '/api/v1/orders', {
    token: person.token,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      paymentMethod: THREE_D_SECURE,
      shippingAddress: shippingAddress('Eve'),
      items: [{ productId: product.id, quantity: 1 }],
    },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  assert.equal(placed.body.status, 'awaiting_payment');
  return placed.body.id as string;
}

/** Whether orders and products still take the token (the cart; the reviews, read signed in). */
async function accepted(person: Person, token: string, product: Product) {
  const cart = await person.client.call('GET', '/api/v1/cart', { token });
  const reviews = await person.client.call('GET', `/api/v1/products/${product.id}/reviews`, { token });
  return { orders: cart.status, products: reviews.status, codes: [cart.body?.code, reviews.body?.code] };
}

async function product(shop: Shop): Promise<Product> {
  const admin = asClient(shop, '198.51.100.140');
  const asAdmin: Shop = { ...shop, call: admin.call };
  const token = await shop.adminToken();
  const category = await createCategory(asAdmin, token, `Sessions attack ${randomUUID().slice(0, 6)}`);
  return createProduct(asAdmin, token, {
    name: `Revocation lamp ${randomUUID().slice(0, 6)}`,
    price: 1500,
    categoryId: category.id,
    brand: 'Lumen',
    onHand: 50,
  });
}

export const attacks: AttackGroup = {
  name: 'sessions',
  register(shop) {
    it('a logout ends the open stream and the token at orders and products, within seconds', async (t) => {
      const lamp = await product(shop());
      const eve = await customer(asClient(shop(), '198.51.100.141'), 'eve');
      const orderId = await unpaidOrder(eve, lamp);
      const stream = await follow(shop(), eve, orderId);
      try {
        assert.equal(stream.status, 200);
        assert.equal((await stream.next())?.data.status, 'awaiting_payment');
        assert.deepEqual(await accepted(eve, eve.token, lamp), {
          orders: 200,
          products: 200,
          codes: [undefined, undefined],
        });
        const out = await eve.client.call('POST', '/api/v1/auth/logout', {
          body: { refreshToken: eve.refreshToken },
        });
        assert.equal(out.status, 204);
        const end = await stream.next();
        const after = await stream.next();
        let answers = await accepted(eve, eve.token, lamp);
        await waitFor(async () => {
          answers = await accepted(eve, eve.token, lamp);
          assert.deepEqual([answers.orders, answers.products], [401, 401], JSON.stringify(answers));
        });
        tried(
          t,
          'an open order stream and the access token of a session, then POST /auth/logout',
          `stream: event ${end?.event} ${JSON.stringify(end?.data)}, then closed; cart ${answers.orders}, reviews ${answers.products} (${answers.codes.join(', ')})`,
        );
        assert.equal(end?.event, 'end');
        assert.deepEqual(end?.data, { reason: 'session_revoked', resume: false });
        assert.equal(after, undefined, 'the server closed the stream');
        assert.deepEqual(answers.codes, ['session_ended', 'session_ended']);
      } finally {
        await stream.close();
      }
    });

    it('a disabled account is refused by orders and products at once, not after its token expires', async (t) => {
      const lamp = await product(shop());
      const mallory = await customer(asClient(shop(), '198.51.100.142'), 'mallory');
      assert.equal((await accepted(mallory, mallory.token, lamp)).orders, 200);
      const admin = asClient(shop(), '198.51.100.140');
      const disabled = await admin.call('PATCH', `/api/v1/users/${mallory.id}`, {
        token: await shop().adminToken(),
        body: { disabled: true },
      });
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      let answers = await accepted(mallory, mallory.token, lamp);
      await waitFor(async () => {
        answers = await accepted(mallory, mallory.token, lamp);
        assert.deepEqual([answers.orders, answers.products], [401, 401], JSON.stringify(answers));
      });
      const checkout = await mallory.client.call('POST', '/api/v1/orders', {
        token: mallory.token,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          paymentMethod: 'pm_card_visa',
          shippingAddress: shippingAddress('Mallory'),
          items: [{ productId: lamp.id, quantity: 1 }],
        },
      });
      tried(
        t,
        'an admin disables an account, whose 15-minute access token is then used on the cart, the reviews and a checkout',
        `cart ${answers.orders}, reviews ${answers.products}, checkout ${checkout.status} ${checkout.body?.code}`,
      );
      assert.equal(checkout.status, 401);
      assert.equal(checkout.body.code, 'session_ended');
    });

    it("a password change ends the account's other sessions everywhere, and keeps the one that changed it", async (t) => {
      const lamp = await product(shop());
      const client = asClient(shop(), '198.51.100.143');
      const victim = await customer(client, 'victim');
      const thief = await signIn(client, victim.email);
      const changed = await client.call('POST', '/api/v1/users/me/password', {
        token: victim.token,
        body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      let stolen = await accepted(victim, thief.token, lamp);
      await waitFor(async () => {
        stolen = await accepted(victim, thief.token, lamp);
        assert.deepEqual([stolen.orders, stolen.products], [401, 401], JSON.stringify(stolen));
      });
      const own = await accepted(victim, victim.token, lamp);
      tried(
        t,
        'two sessions of one account; one changes the password',
        `the other session: cart ${stolen.orders}, reviews ${stolen.products}; the one that changed it: cart ${own.orders}, reviews ${own.products}`,
      );
      assert.deepEqual(own, { orders: 200, products: 200, codes: [undefined, undefined] });
    });
  },
};
