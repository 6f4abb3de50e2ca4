import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let customers: Customer[];
let hot: ProductRef;

before(async () => {
  // Each customer has many checkouts in flight at once here: the per-customer unpaid caps (see
  // checkout-caps.test.ts) are lifted, since this is about 500 orders racing for 100 units.
  world = await startOrders({
    DATABASE_POOL_SIZE: '30',
    MAX_UNPAID_ORDERS_PER_CUSTOMER: '1000',
    MAX_UNPAID_UNITS_PER_CUSTOMER: '1000000',
  });
  customers = await Promise.all(Array.from({ length: 10 }, (_, i) => world.shop.customer(`Buyer ${i}`)));
  hot = await world.shop.product({ price: 1999, stock: 100 });
});
after(() => world?.close());

test('500 concurrent checkouts of 100 units: exactly 100 paid, the rest rejected, stock ends at 0', async () => {
  const attempts = Array.from({ length: 500 }, (_, i) => customers[i % customers.length]!);
  // All 500 in flight at once.
  const answers = await Promise.all(
    attempts.map((customer) =>
      world.checkout(customer, { items: [{ productId: hot.id, quantity: 1 }] }, randomUUID()),
    ),
  );

  assert.deepEqual(
    answers.filter((a) => a.status !== 201).map((a) => a.body),
    [],
    'every checkout was answered with an order',
  );
  // Most answers are final, but on a loaded machine a burst may trip the circuit to products or
  // the payment gateway: those orders are answered still in progress and the saga finishes them.
  const statuses = answers.map((a) => a.body.status as string);
  assert.deepEqual(
    statuses.filter((s) => !['paid', 'rejected', 'pending', 'awaiting_payment'].includes(s)),
    [],
    'every answer is an order paid, rejected or still in progress',
  );
  assert.ok(statuses.filter((s) => s === 'paid').length <= 100, 'never more paid than stock');
  await waitFor(
    async () => {
      const { rows } = await world.db.query(
        `SELECT count(*)::int AS n FROM orders WHERE saga_step <> 'done'`,
      );
      assert.equal(rows[0].n, 0, 'every order settled');
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );

  const stock = await world.shop.stock(hot.id);
  assert.deepEqual([stock.onHand, stock.reserved, stock.available], [0, 0, 0]);

  const { rows } = await world.db.query(
    `SELECT status, stock, count(*)::int AS n FROM orders GROUP BY status, stock ORDER BY status`,
  );
  assert.deepEqual(rows, [
    { status: 'paid', stock: 'committed', n: 100 },
    { status: 'rejected', stock: 'none', n: 400 },
  ]);
  const rejectedWithPayment = await world.db.query(
    `SELECT count(*)::int AS n FROM orders WHERE status = 'rejected' AND payment_intent_id IS NOT NULL`,
  );
  assert.equal(rejectedWithPayment.rows[0].n, 0, 'no rejected order was charged');
  const charges = await world.db.query(
    `SELECT count(DISTINCT payment_intent_id)::int AS n FROM orders WHERE status = 'paid'`,
  );
  assert.equal(charges.rows[0].n, 100);
});
