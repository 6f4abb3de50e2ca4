import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { UserDeleted } from '@shop/contracts';
import { PgBossBus } from '@shop/platform';
import { createTestIssuer, waitFor } from '@shop/platform/testing';
import { ACCOUNT_ERASURE } from '../src/messaging/account-erasure.consumer.js';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, TEST_ADDRESS, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let admin: { token: string };
let erin: Customer;
let frank: Customer;
let mug: ProductRef;
let lamp: ProductRef;

// Strings only Erin's data contains: none of them may be left anywhere once she is gone.
const marker = randomUUID().slice(0, 8);
const erinAddress = {
  ...TEST_ADDRESS,
  name: `Erin ${marker}`,
  line1: `${marker} Erasure Lane`,
  phone: '+33 1 23 45',
};
const tracking = { delivered: `TRK-D-${marker}`, shipped: `TRK-S-${marker}` };

before(async () => {
  world = await startOrders({ ERASURE_RECHECK_SECONDS: '1' });
  [admin, erin, frank] = await Promise.all([
    world.shop.admin(),
    world.shop.customer('Erin'),
    world.shop.customer('Frank'),
  ]);
  [mug, lamp] = await Promise.all([
    world.shop.product({ price: 1000, stock: 20 }),
    world.shop.product({ price: 2500, stock: 20 }),
  ]);
});
after(() => world?.close());

const buy = async (customer: Customer, productId: string, paymentMethod = 'pm_card_visa') => {
  const answer = await world.checkout(customer, {
    items: [{ productId, quantity: 1 }],
    paymentMethod,
    shippingAddress: customer === erin ? erinAddress : TEST_ADDRESS,
  });
  assert.equal(answer.status, 201);
  return answer.body as { id: string; status: string };
};
const staff = (path: string, body?: unknown) =>
  world.api('POST', path, { token: admin.token, ...(body ? { body } : {}) });
const ordersOf = async (userId: string) =>
  (
    await world.db.query(
      `SELECT id, status, saga_step, subtotal, shipping, total, currency, shipping_address, tracking_number,
         tracking_carrier, anonymised_at, payment_status,
         (SELECT json_agg(l ORDER BY l.line_no) FROM order_lines l WHERE l.order_id = o.id) AS lines
       FROM orders o WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    )
  ).rows;
const rowsOf = async (table: string, userId: string) =>
  (await world.db.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [userId])).rowCount;

describe('a deleted account', () => {
  const ids: Record<string, string> = {};
  let before: Awaited<ReturnType<typeof ordersOf>>;

  test('keeps its orders for the accounts, anonymised; open ones are cancelled and refunded', async () => {
    ids.delivered = (await buy(erin, mug.id)).id;
    ids.shipped = (await buy(erin, lamp.id)).id;
    ids.paid = (await buy(erin, mug.id)).id;
    ids.awaiting = (await buy(erin, lamp.id, 'pm_card_threeDSecure2Required')).id;
    ids.failed = (await buy(erin, mug.id, 'pm_card_chargeDeclined')).id;
    await staff(`/api/v1/orders/${ids.delivered}/ship`, {
      carrier: 'UPS',
      trackingNumber: tracking.delivered,
    });
    await staff(`/api/v1/orders/${ids.delivered}/deliver`);
    await staff(`/api/v1/orders/${ids.shipped}/ship`, { carrier: 'UPS', trackingNumber: tracking.shipped });
    await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, { token: erin.token, body: { quantity: 2 } });
    const franks = await buy(frank, mug.id);
    await world.api('PUT', `/api/v1/cart/items/${mug.id}`, { token: frank.token, body: { quantity: 1 } });
    // Relayed events are scrubbed too; wait until the shipments went out.
    await waitFor(async () => {
      const { rows } = await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'order.shipped.v1' AND published_at IS NOT NULL
           AND aggregate_id = ANY($1::text[])`,
        [[ids.delivered, ids.shipped]],
      );
      assert.equal(rows[0].n, 2, 'both shipments published');
    });
    assert.equal(await rowsOf('idempotency_keys', erin.id), 5);
    const stockBefore = await world.shop.stock(mug.id);
    before = await ordersOf(erin.id);

    await world.shop.deleteAccount(erin);

    await waitFor(
      async () => {
        const orders = await ordersOf(erin.id);
        const byId = new Map(orders.map((o) => [o.id, o]));
        for (const order of orders) {
          assert.ok(order.anonymised_at, `${order.id} is anonymised`);
          assert.equal(order.saga_step, 'done', `${order.id} has nothing left to do`);
        }
        assert.equal(byId.get(ids.paid)?.status, 'refunded', 'the paid order is cancelled and refunded');
        assert.equal(byId.get(ids.awaiting)?.status, 'cancelled', 'the unpaid order is cancelled');
      },
      { timeoutMs: 20_000 },
    );

    const after = await ordersOf(erin.id);
    assert.deepEqual(
      after.map((o) => o.status),
      ['delivered', 'shipped', 'refunded', 'cancelled', 'payment_failed'],
    );
    for (const [index, order] of after.entries()) {
      const was = before[index]!;
      assert.deepEqual(
        [order.subtotal, order.shipping, order.total, order.currency, order.lines],
        [was.subtotal, was.shipping, was.total, was.currency, was.lines],
        'amounts and lines stay for the accounts',
      );
      assert.equal(order.shipping_address, null);
      assert.equal(order.tracking_number, null);
    }
    assert.equal(after[0].tracking_carrier, 'UPS', 'the carrier is no personal data');
    assert.equal(after[2].payment_status, 'refunded');
    const reasons = await world.db.query(
      `SELECT order_id FROM order_status_history WHERE reason = 'The account was deleted.' ORDER BY order_id`,
    );
    assert.deepEqual(reasons.rows.map((r) => r.order_id).sort(), [ids.paid, ids.awaiting].sort());
    const stockAfter = await world.shop.stock(mug.id);
    assert.equal(stockAfter.onHand, stockBefore.onHand + 1, 'the refunded order is restocked');
    assert.equal((await world.shop.stock(lamp.id)).reserved, 0, 'the unpaid hold is released');

    assert.equal(await rowsOf('cart_items', erin.id), 0, 'the cart is emptied');
    assert.equal(await rowsOf('idempotency_keys', erin.id), 0, 'the idempotency keys are forgotten');

    // Frank is not touched.
    const [frankOrder] = await ordersOf(frank.id);
    assert.deepEqual(
      [frankOrder.id, frankOrder.shipping_address, frankOrder.anonymised_at],
      [franks.id, TEST_ADDRESS, null],
    );
    assert.equal(await rowsOf('cart_items', frank.id), 1);

    // An admin still sees the sale, without the address.
    const view = await world.api('GET', `/api/v1/orders/${ids.delivered}`, { token: admin.token });
    assert.equal(view.status, 200);
    assert.equal(view.body.shippingAddress, null);
    assert.ok(view.body.anonymisedAt);
    assert.equal(view.body.total, before[0].total);
    assert.equal(view.body.tracking, undefined);
    assert.ok(view.body.timeline.every((entry: { tracking?: unknown }) => entry.tracking === undefined));
  });

  test('leaves no personal data in any table', async () => {
    const tables = await world.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const needles = [
      erinAddress.name,
      erinAddress.line1,
      erinAddress.phone,
      tracking.delivered,
      tracking.shipped,
    ];
    const found: string[] = [];
    for (const { tablename } of tables.rows) {
      const { rows } = await world.db.query(
        `SELECT count(*)::int AS n FROM ${tablename} t WHERE t::text ILIKE ANY($1::text[])`,
        [needles.map((needle) => `%${needle}%`)],
      );
      if (rows[0].n > 0) found.push(`${tablename}: ${rows[0].n}`);
    }
    assert.deepEqual(found, []);
    assert.ok(
      tables.rows.some((t) => t.tablename === 'outbox'),
      'the search covered the outbox too',
    );
  });

  test("the account's access tokens are refused at once: its sessions ended with it", async () => {
    await waitFor(async () => {
      const refused = await world.checkout(erin, { items: [{ productId: mug.id, quantity: 1 }] });
      assert.deepEqual([refused.status, refused.body.code], [401, 'session_ended']);
    });
    const cart = await world.api('GET', '/api/v1/cart', { token: erin.token });
    assert.equal(cart.status, 401);
    assert.equal((await ordersOf(erin.id)).length, 5, 'no new order');
  });

  test('a still-valid access token of a session not known as ended cannot check out, and what it writes is scrubbed', async () => {
    // As if the sessions' end had not arrived yet: a token of another session, signed by a key
    // this orders process trusts.
    const issuer = await createTestIssuer();
    const token = await issuer.userToken(erin.id);
    await world.stopOrders();
    await world.restartOrders({}, { jwks: issuer.jwks });
    try {
      const refused = await world.checkout(
        { ...erin, token },
        { items: [{ productId: mug.id, quantity: 1 }] },
      );
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'account_deleted');
      assert.equal((await ordersOf(erin.id)).length, 5, 'no new order');
      assert.equal(await rowsOf('idempotency_keys', erin.id), 0, 'no key');

      const put = await world.api('PUT', `/api/v1/cart/items/${mug.id}`, { token, body: { quantity: 1 } });
      assert.equal(put.status, 200);
      await waitFor(async () =>
        assert.equal(await rowsOf('cart_items', erin.id), 0, 'the next look scrubs it'),
      );
    } finally {
      await world.stopOrders();
      await world.restartOrders();
    }
  });

  test('user.deleted arriving again changes nothing', async () => {
    const snapshot = async () => ({
      orders: (await world.db.query(`SELECT * FROM orders WHERE user_id = $1 ORDER BY id`, [erin.id])).rows,
      history: (
        await world.db.query(
          `SELECT h.* FROM order_status_history h JOIN orders o ON o.id = h.order_id
           WHERE o.user_id = $1 ORDER BY h.id`,
          [erin.id],
        )
      ).rows,
    });
    const was = await snapshot();
    const quiet = () => undefined;
    const bus = new PgBossBus({
      connectionString: world.ordersEnv.BUS_URL!,
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet },
    });
    await bus.start();
    const again = {
      id: randomUUID(),
      type: UserDeleted.type,
      source: 'users',
      aggregateId: erin.id,
      occurredAt: new Date().toISOString(),
      payload: { userId: erin.id },
    };
    try {
      await bus.publish([again]);
    } finally {
      await bus.stop();
    }
    await waitFor(async () => {
      const { rowCount } = await world.db.query(
        'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
        [ACCOUNT_ERASURE, again.id],
      );
      assert.equal(rowCount, 1, 'the second user.deleted was handled');
    });
    await world.orders.recover();
    assert.deepEqual(await snapshot(), was);
  });
});
