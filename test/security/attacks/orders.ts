/**
 * Orders: one customer holding stock or streams that everyone else needs. Found on a running
 * stack: a checkout naming one product twice (`[{P,99},{P,70}]`) became one line of 169 units, over
 * the 99 a line may hold, and with a 3-D Secure card left unanswered held the product's stock for
 * the payment timeout; any number of such checkouts held all of it; a reorder grew a cart past its
 * 100 products; ~130 live-tracking streams of one customer took every connection to orders. Now
 * lines are capped after merging, unpaid orders per customer are capped (3 orders, 200 units),
 * reorder keeps the cart's caps, and a user holds 5 streams at most, each ending after its lifetime.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createCategory, createProduct, stockOf, type Product } from '../../e2e/support/catalog.js';
import { shippingAddress } from '../../e2e/support/customers.js';
import type { Answer, Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';
import { follow } from '../support/order-stream.js';

const PASSWORD = 'an orders attack passphrase 7';
const THREE_D_SECURE = 'pm_card_threeDSecure2Required';
const STREAM_SECONDS = 6; // the suite's ORDER_STREAM_MAX_SECONDS, so a test can wait for the end

interface Person {
  client: Client;
  token: string;
}

async function customer(client: Client, name: string): Promise<Person> {
  const email = `${name}-${randomUUID().slice(0, 8)}@orders-attack.test`;
  const registered = await client.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  // 201 with the account, or 202 with the same answer whether or not the address was taken.
  assert.ok([201, 202].includes(registered.status), JSON.stringify(registered.body));
  const login = await client.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { client, token: login.body.accessToken as string };
}

/** The admin's catalog calls, made from an address of this group's own. */
async function catalogAdmin(shop: Shop) {
  const client = asClient(shop, '198.51.100.120');
  const token = await shop.adminToken();
  const asAdmin: Shop = { ...shop, call: client.call };
  const category = await createCategory(asAdmin, token, `Orders attack ${randomUUID().slice(0, 6)}`);
  return {
    product: (onHand: number, price = 100): Promise<Product> =>
      createProduct(asAdmin, token, {
        name: `Attack kettle ${randomUUID().slice(0, 6)}`,
        price,
        categoryId: category.id,
        brand: 'Siege',
        onHand,
      }),
    stock: (productId: string) => stockOf(asAdmin, token, productId),
  };
}

const checkout = (person: Person, paymentMethod: string, items?: { productId: string; quantity: number }[]) =>
  person.client.call('POST', '/api/v1/orders', {
    token: person.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { paymentMethod, shippingAddress: shippingAddress('Mallory'), ...(items ? { items } : {}) },
  });

const tally = (answers: Answer[]) =>
  Object.entries(
    answers.reduce<Record<string, number>>((counts, answer) => {
      const key = `${answer.status} ${answer.body?.code ?? answer.body?.status ?? ''}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([key, n]) => `${n}× ${key}`)
    .join(', ');

/** Cancels what a test left waiting for payment, so its holds do not outlive it. */
async function cancelUnpaid(person: Person) {
  for (const status of ['awaiting_payment', 'pending']) {
    const page = await person.client.call('GET', `/api/v1/orders?status=${status}&limit=100`, {
      token: person.token,
    });
    for (const order of page.body.items ?? [])
      await person.client.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: person.token });
  }
}

export const attacks: AttackGroup = {
  name: 'orders',
  env: { ORDER_STREAM_MAX_SECONDS: String(STREAM_SECONDS) },
  register(shop) {
    it('one product named twice in a 3-D Secure checkout (99 + 70): a 422 naming the line, and no stock held', async (t) => {
      const catalog = await catalogAdmin(shop());
      const kettle = await catalog.product(200);
      const mallory = await customer(asClient(shop(), '198.51.100.121'), 'mallory');
      const answer = await checkout(mallory, THREE_D_SECURE, [
        { productId: kettle.id, quantity: 99 },
        { productId: kettle.id, quantity: 70 },
      ]);
      const stock = await catalog.stock(kettle.id);
      tried(
        t,
        'POST /orders {items: [{P, 99}, {P, 70}]} with a card needing 3-D Secure, left unanswered',
        `${answer.status} ${answer.body.code ?? answer.body.status}; stock ${stock.onHand} on hand, ${stock.reserved} reserved`,
      );
      await cancelUnpaid(mallory);
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(answer.body.code, 'quantity_too_large');
      assert.deepEqual(answer.body.lines, [{ productId: kettle.id, quantity: 169 }]);
      assert.deepEqual(stock, { onHand: 200, reserved: 0 }, 'nothing was held');
      const orders = await mallory.client.call('GET', '/api/v1/orders', { token: mallory.token });
      assert.deepEqual(orders.body.items, [], 'no order was made');
    });

    it('one customer leaving 3-D Secure checkouts unanswered holds at most 200 units in 3 orders; another still buys', async (t) => {
      const catalog = await catalogAdmin(shop());
      const kettle = await catalog.product(300);
      const mallory = await customer(asClient(shop(), '198.51.100.122'), 'mallory');
      const alice = await customer(asClient(shop(), '198.51.100.123'), 'alice');
      const large: Answer[] = [];
      for (let i = 0; i < 4; i++)
        large.push(await checkout(mallory, THREE_D_SECURE, [{ productId: kettle.id, quantity: 99 }]));
      const small: Answer[] = [];
      for (let i = 0; i < 3; i++)
        small.push(await checkout(mallory, THREE_D_SECURE, [{ productId: kettle.id, quantity: 1 }]));
      const held = await catalog.stock(kettle.id);
      const bought = await checkout(alice, 'pm_card_visa', [{ productId: kettle.id, quantity: 99 }]);
      tried(
        t,
        '4 × POST /orders of 99 units then 3 × 1 unit, 3-D Secure left unanswered, one customer; then another buys 99',
        `${tally(large)} / ${tally(small)}; ${held.reserved} of ${held.onHand} held; the other: ${bought.status} ${bought.body.status ?? bought.body.code}`,
      );
      await cancelUnpaid(mallory);
      assert.deepEqual(
        large.map((a) => a.status),
        [201, 201, 409, 409],
        `two of 99 fit under 200 units: ${tally(large)}`,
      );
      assert.ok(
        large.slice(2).every((a) => a.body.code === 'too_many_unpaid_units' && a.body.limit === 200),
        'the refusals name the units cap',
      );
      assert.deepEqual(
        small.map((a) => a.status),
        [201, 409, 409],
        `a third order fits: ${tally(small)}`,
      );
      assert.ok(
        small.slice(1).every((a) => a.body.code === 'too_many_unpaid_orders' && a.body.limit === 3),
        'the refusals name the orders cap',
      );
      assert.equal(held.reserved, 199, 'no more held than the caps allow');
      assert.equal(bought.status, 201, JSON.stringify(bought.body));
      assert.equal(bought.body.status, 'paid', 'another customer still buys');
    });

    it('ten 3-D Secure checkouts of one customer at once: three get through, the rest are 409s', async (t) => {
      const catalog = await catalogAdmin(shop());
      const kettle = await catalog.product(100);
      const mallory = await customer(asClient(shop(), '198.51.100.124'), 'mallory');
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          checkout(mallory, THREE_D_SECURE, [{ productId: kettle.id, quantity: 1 }]),
        ),
      );
      const held = await catalog.stock(kettle.id);
      tried(t, '10 × POST /orders at once, 3-D Secure left unanswered, one customer', `${tally(answers)}`);
      await cancelUnpaid(mallory);
      assert.equal(answers.filter((a) => a.status === 201).length, 3, tally(answers));
      assert.equal(answers.filter((a) => a.body.code === 'too_many_unpaid_orders').length, 7, tally(answers));
      assert.equal(held.reserved, 3, 'three units held, not more');
    });

    it('reorder cannot push a cart past 100 products or a line past 99 units', async (t) => {
      const catalog = await catalogAdmin(shop());
      const products: Product[] = [];
      for (let i = 0; i < 101; i += 10)
        products.push(
          ...(await Promise.all(Array.from({ length: Math.min(10, 101 - i) }, () => catalog.product(500)))),
        );
      const [extra, ...hundred] = products;
      const dave = await customer(asClient(shop(), '198.51.100.125'), 'dave');
      const order = await checkout(
        dave,
        'pm_card_visa',
        hundred.map((product) => ({ productId: product.id, quantity: 1 })),
      );
      assert.equal(order.body.status, 'paid', JSON.stringify(order.body.code ?? order.body.status));
      const put = await dave.client.call('PUT', `/api/v1/cart/items/${extra!.id}`, {
        token: dave.token,
        body: { quantity: 1 },
      });
      assert.equal(put.status, 200);
      const reorder = await dave.client.call('POST', `/api/v1/orders/${order.body.id}/reorder`, {
        token: dave.token,
      });
      const cart = await dave.client.call('GET', '/api/v1/cart', { token: dave.token });

      // A line: 60 in the cart, 60 more by reorder.
      const first = hundred[0]!;
      const sixty = await checkout(dave, 'pm_card_visa', [{ productId: first.id, quantity: 60 }]);
      await dave.client.call('DELETE', '/api/v1/cart', { token: dave.token });
      await dave.client.call('PUT', `/api/v1/cart/items/${first.id}`, {
        token: dave.token,
        body: { quantity: 60 },
      });
      const again = await dave.client.call('POST', `/api/v1/orders/${sixty.body.id}/reorder`, {
        token: dave.token,
      });
      const line = await dave.client.call('GET', '/api/v1/cart', { token: dave.token });
      tried(
        t,
        'POST /orders/{id}/reorder of a 100-product order into a cart holding 1 other; then of 60 units onto a line of 60',
        `${reorder.status} ${reorder.body.code ?? ''}, the cart holds ${cart.body.items.length} products; ` +
          `${again.status}, the line holds ${line.body.items[0]?.quantity} units`,
      );
      await dave.client.call('DELETE', '/api/v1/cart', { token: dave.token });
      assert.equal(reorder.status, 422, `reorder answered ${reorder.status}`);
      assert.equal(reorder.body.code, 'cart_full');
      assert.equal(reorder.body.limit, 100);
      assert.deepEqual(
        cart.body.items.map((item: { productId: string }) => item.productId),
        [extra!.id],
        'nothing was added',
      );
      assert.equal(again.status, 200);
      assert.equal(line.body.items[0].quantity, 99, 'the line stops at 99');
      assert.deepEqual(again.body.limited, [
        { productId: first.id, name: first.name, ordered: 60, added: 39, limit: 99 },
      ]);
    });

    it('one customer opening 12 streams on one order: 5 open, the rest 429, and another customer is served', async (t) => {
      const catalog = await catalogAdmin(shop());
      const kettle = await catalog.product(50);
      const mallory = await customer(asClient(shop(), '198.51.100.126'), 'mallory');
      const bob = await customer(asClient(shop(), '198.51.100.127'), 'bob');
      const order = await checkout(mallory, 'pm_card_visa', [{ productId: kettle.id, quantity: 1 }]);
      assert.equal(order.body.status, 'paid');

      const streams = [];
      try {
        streams.push(
          ...(await Promise.all(Array.from({ length: 12 }, () => follow(shop(), mallory, order.body.id)))),
        );
        const open = streams.filter((stream) => stream.status === 200);
        const refused = streams.filter((stream) => stream.status !== 200);
        const problems = await Promise.all(
          refused.map(async (stream) => (await stream.response.json()) as { code: string; limit: number }),
        );
        // Bob shops while Mallory's streams are open.
        const cart = await bob.client.call('PUT', `/api/v1/cart/items/${kettle.id}`, {
          token: bob.token,
          body: { quantity: 1 },
        });
        const bought = await checkout(bob, 'pm_card_visa');
        const history = await bob.client.call('GET', '/api/v1/orders', { token: bob.token });
        tried(
          t,
          '12 × GET /orders/{id}/events (text/event-stream) by one customer, kept open; another customer shops',
          `${open.length} × 200, ${refused.length} × ${[...new Set(refused.map((s) => s.status))].join('/')} ` +
            `${[...new Set(problems.map((p) => p.code))].join('/')}; the other: cart ${cart.status}, ` +
            `checkout ${bought.status} ${bought.body.status}, history ${history.status}`,
        );
        assert.equal(open.length, 5, 'five streams per user');
        for (const stream of open) assert.equal((await stream.next())?.data.status, 'paid');
        assert.deepEqual(
          refused.map((stream) => stream.status),
          Array(7).fill(429),
        );
        for (const [i, problem] of problems.entries()) {
          assert.equal(problem.code, 'too_many_streams');
          assert.equal(problem.limit, 5);
          assert.ok(Number(refused[i]!.response.headers.get('retry-after')) >= 1, 'Retry-After');
        }
        assert.equal(cart.status, 200);
        assert.equal(bought.status, 201);
        assert.equal(bought.body.status, 'paid');
        assert.equal(history.status, 200);
        assert.equal(history.body.items.length, 1);
      } finally {
        await Promise.all(streams.map((stream) => stream.close()));
      }
    });

    it(`a stream ends after ${STREAM_SECONDS} s saying so, and resumes with Last-Event-ID`, async (t) => {
      const catalog = await catalogAdmin(shop());
      const kettle = await catalog.product(50);
      const mallory = await customer(asClient(shop(), '198.51.100.128'), 'mallory');
      const order = await checkout(mallory, 'pm_card_visa', [{ productId: kettle.id, quantity: 1 }]);
      const stream = await follow(shop(), mallory, order.body.id, {}, (STREAM_SECONDS + 15) * 1000);
      let resumed: Awaited<ReturnType<typeof follow>> | undefined;
      try {
        assert.equal(stream.status, 200);
        const paid = await stream.next();
        const end = await stream.next();
        const after = await stream.next();
        const admin = await shop().adminToken();
        const shipped = await asClient(shop(), '198.51.100.120').call(
          'POST',
          `/api/v1/orders/${order.body.id}/ship`,
          { token: admin, body: { carrier: 'UPS', trackingNumber: '1ZATTACK' } },
        );
        assert.equal(shipped.status, 200);
        resumed = await follow(
          shop(),
          mallory,
          order.body.id,
          { 'last-event-id': paid!.id! },
          (STREAM_SECONDS + 15) * 1000,
        );
        const next = await resumed.next();
        tried(
          t,
          'GET /orders/{id}/events held open, then again with Last-Event-ID',
          `${paid?.data.status}, then ${end?.event} ${JSON.stringify(end?.data)} and the end; resumed: ${next?.data.status}`,
        );
        assert.equal(paid?.data.status, 'paid');
        assert.equal(end?.event, 'end');
        assert.deepEqual(end?.data, { reason: 'lifetime', resume: true });
        assert.equal(after, undefined, 'the server ended the stream');
        assert.equal(next?.data.status, 'shipped', 'the resumed stream starts after the last event');
      } finally {
        await stream.close();
        await resumed?.close();
      }
    });
  },
};
