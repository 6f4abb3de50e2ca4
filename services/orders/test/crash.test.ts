import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { startChildService, type ChildService } from './support/child-service.js';
import { http, type Customer, type ProductRef } from './support/shop.js';
import { startOrders, TEST_ADDRESS, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let alice: Customer;
let orders: ChildService | undefined;

before(async () => {
  // Six checkouts of one customer are in flight at each crash: the per-customer unpaid caps (see
  // checkout-caps.test.ts) are lifted, since this is about what a crash leaves behind.
  world = await startOrders({ MAX_UNPAID_ORDERS_PER_CUSTOMER: '100' });
  await world.stopOrders(); // orders runs as its own process here, to be killed
  alice = await world.shop.customer('Alice');
});
after(async () => {
  await orders?.stop();
  await world?.close();
});

async function startOrdersProcess(env: Record<string, string> = {}): Promise<string> {
  orders = await startChildService('orders', { ...world.ordersEnv, MIGRATE_ON_START: 'false', ...env });
  await world.shop.sandbox('PUT', '/_sandbox/config', {
    webhookUrl: `${orders.url}/api/v1/payments/webhook`,
  });
  return orders.url;
}

const place = (url: string, productId: string, key: string, paymentMethod = 'pm_card_visa') =>
  http('POST', `${url}/api/v1/orders`, {
    token: alice.token,
    headers: { 'idempotency-key': key },
    body: {
      paymentMethod,
      shippingAddress: TEST_ADDRESS,
      items: [{ productId, quantity: 2 }],
    },
  }).catch((error: unknown) => error as Error);

async function ordersFor(productId: string) {
  const { rows } = await world.db.query(
    `SELECT o.id, o.status, o.saga_step, o.stock, o.payment_intent_id, o.total FROM orders o
     JOIN order_lines l ON l.order_id = o.id WHERE l.product_id = $1 ORDER BY o.created_at`,
    [productId],
  );
  return rows;
}

/** Waits until the restarted saga has settled every order of the product; answers them. */
async function settledOrdersFor(productId: string) {
  await waitFor(
    async () => {
      const rows = await ordersFor(productId);
      assert.ok(
        rows.every((o) => o.saga_step === 'done'),
        `all settled: ${JSON.stringify(rows)}`,
      );
    },
    { timeoutMs: 45_000, intervalMs: 250 },
  );
  return ordersFor(productId);
}

/** Kills orders at a saga step while checkouts are in flight, restarts it, and checks the books. */
async function crashAndRecover(fault: string, product: ProductRef) {
  const keys = Array.from({ length: 6 }, () => randomUUID());
  const url = await startOrdersProcess({ ORDERS_FAULT: fault });
  const answers = await Promise.all(keys.map((key) => place(url, product.id, key)));
  await orders!.exited;
  assert.ok(
    answers.some((a) => a instanceof Error),
    'the process died mid-checkout',
  );
  const stranded = await ordersFor(product.id);
  assert.ok(stranded.length > 0, 'orders were stored before the crash');
  assert.ok(
    stranded.some((o) => o.saga_step !== 'done'),
    'some were left mid-saga',
  );

  const restarted = await startOrdersProcess();
  const settled = await settledOrdersFor(product.id);
  const paid = settled.filter((o) => o.status === 'paid');
  assert.deepEqual(
    settled.filter((o) => o.status !== 'paid').map((o) => o.status),
    [],
    'stock was plentiful: every stored order ends paid',
  );

  // Stock matches: two units per paid order, nothing left on hold.
  const stock = await world.shop.stock(product.id);
  assert.equal(stock.reserved, 0);
  assert.equal(stock.onHand, 100 - 2 * paid.length);
  // Payments match: one succeeded PaymentIntent per paid order, for its total, never two.
  for (const order of paid) {
    const intent = await world.shop.sandbox('GET', `/v1/payment_intents/${order.payment_intent_id}`);
    assert.equal(intent.body.status, 'succeeded');
    assert.equal(intent.body.amount, order.total);
    const created = (await world.shop.paymentEvents(order.payment_intent_id)).filter(
      (e) => e.event.type === 'payment_intent.created',
    );
    assert.equal(created.length, 1);
  }
  const succeeded = await world.shop.sandbox(
    'GET',
    '/_sandbox/events?type=payment_intent.succeeded&limit=100',
  );
  const forProduct = succeeded.body.items.filter(
    (e: { event: { data: { object: { metadata: { order_id: string } } } } }) =>
      settled.some((o) => o.id === e.event.data.object.metadata.order_id),
  );
  assert.equal(forProduct.length, paid.length);

  // A client retrying with its key gets its order as it now stands, not a second one.
  const retried = await Promise.all(keys.map((key) => place(restarted, product.id, key)));
  const ids = retried.map((a) => (a instanceof Error ? undefined : a.body.id));
  assert.ok(retried.every((a) => !(a instanceof Error) && a.status === 201));
  assert.deepEqual(
    settled.map((o) => o.id).filter((id) => !ids.includes(id)),
    [],
    'every stored order is found again by its key',
  );
  assert.equal((await ordersFor(product.id)).length, new Set(ids).size);
  await orders!.stop();
  orders = undefined;
}

describe('a crash of orders mid-saga', () => {
  test('between the stock reservation and the payment: on restart every order is paid, stock and money match', async () => {
    await crashAndRecover('crash-after-reserve', await world.shop.product({ price: 1500, stock: 100 }));
  });

  test('between the payment and recording it: the same PaymentIntent is found again, never a second charge', async () => {
    await crashAndRecover('crash-after-payment', await world.shop.product({ price: 1500, stock: 100 }));
  });

  test('between the payment and the stock commit: the paid hold is committed on restart', async () => {
    await crashAndRecover('crash-before-commit', await world.shop.product({ price: 1500, stock: 100 }));
  });

  test('between the stock commit and recording it, then a cancel: the sold units go back on hand and the money back', async () => {
    const product = await world.shop.product({ price: 1500, stock: 100 });
    // The dead process's lease outlives the restart below, so the cancel comes before any recovery.
    const url = await startOrdersProcess({ ORDERS_FAULT: 'crash-after-commit', SAGA_LEASE_SECONDS: '20' });
    await place(url, product.id, randomUUID());
    await orders!.exited;
    const [stranded] = await ordersFor(product.id);
    assert.deepEqual(
      [stranded.status, stranded.saga_step, stranded.stock],
      ['awaiting_payment', 'commit', 'held'],
      'paid, the commit made at products but not recorded here',
    );
    const sold = await world.shop.stock(product.id);
    assert.deepEqual([sold.onHand, sold.reserved], [98, 0], 'products sold the two units');

    const restarted = await startOrdersProcess();
    const cancelled = await http('POST', `${restarted}/api/v1/orders/${stranded.id}/cancel`, {
      token: alice.token,
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    const [pending] = await ordersFor(product.id);
    assert.equal(pending.stock, 'held', 'the cancel came before the commit was recorded');

    const [settled] = await settledOrdersFor(product.id);
    assert.deepEqual([settled.status, settled.stock], ['refunded', 'restocked'], 'refunded and restocked');
    const back = await world.shop.stock(product.id);
    assert.deepEqual([back.onHand, back.reserved], [100, 0], 'the sold units are back on hand');
    const intent = await world.shop.sandbox('GET', `/v1/payment_intents/${settled.payment_intent_id}`);
    assert.equal(intent.body.status, 'succeeded');
    const refunds = (await world.shop.paymentEvents(settled.payment_intent_id)).filter(
      (e) => e.event.type === 'charge.refunded',
    );
    assert.equal(refunds.length, 1, 'refunded once');
    await orders!.stop();
    orders = undefined;
  });

  test('between the stock reservation and a payment that is then declined: on restart the holds are released', async () => {
    const product = await world.shop.product({ price: 1500, stock: 100 });
    const url = await startOrdersProcess({ ORDERS_FAULT: 'crash-after-reserve' });
    const keys = Array.from({ length: 4 }, () => randomUUID());
    await Promise.all(keys.map((key) => place(url, product.id, key, 'pm_card_chargeDeclined')));
    await orders!.exited;
    // Products holds the stock of orders whose process died before it could record the hold.
    const held = await world.shop.stock(product.id);
    assert.ok(held.reserved > 0, `stock was held when the process died: ${JSON.stringify(held)}`);
    assert.ok(
      (await ordersFor(product.id)).every((o) => o.saga_step !== 'done'),
      'every order was left mid-saga',
    );

    await startOrdersProcess();
    const settled = await settledOrdersFor(product.id);
    assert.deepEqual(
      settled.map((o) => [o.status, o.stock]),
      settled.map(() => ['payment_failed', 'released']),
      'every order failed its payment and gave its stock back',
    );
    const stock = await world.shop.stock(product.id);
    assert.deepEqual([stock.onHand, stock.reserved], [100, 0], 'nothing sold, nothing held');
    await orders!.stop();
    orders = undefined;
  });
});
