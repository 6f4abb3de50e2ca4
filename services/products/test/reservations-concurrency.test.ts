import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { createCategory, createProduct, setStock } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts({ RESERVATION_SWEEP_MS: '100' });
  categoryId = (await createCategory(t, 'Hot')).id;
});
after(() => t.close());

const reserve = (payload: object) =>
  t.app.inject({ method: 'POST', url: '/internal/reservations', headers: bearer(t.serviceToken), payload });

test('200 concurrent reservations for 50 units: exactly 50 held, each reservation whole or absent', async () => {
  const hot = (await createProduct(t, { categoryId, name: 'Hot item' })).id;
  const plenty = (await createProduct(t, { categoryId, name: 'Plenty' })).id;
  await setStock(t, hot, 50);
  await setStock(t, plenty, 1000);

  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      reserve({
        orderId: `rush-${i}`,
        lines: [
          { productId: plenty, quantity: 2 },
          { productId: hot, quantity: 1 },
        ],
        ttlSeconds: 600,
      }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode);
  assert.equal(statuses.filter((s) => s === 201).length, 50);
  assert.equal(statuses.filter((s) => s === 409).length, 150);
  assert.ok(
    responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'insufficient_stock'),
    'every refusal is insufficient_stock',
  );

  const stock = await t.db.query(
    'SELECT product_id, on_hand, reserved FROM inventory WHERE product_id = ANY($1)',
    [[hot, plenty]],
  );
  const byId = new Map(stock.rows.map((r) => [r.product_id, r]));
  assert.deepEqual(byId.get(hot), { product_id: hot, on_hand: 50, reserved: 50 });
  assert.deepEqual(
    byId.get(plenty),
    { product_id: plenty, on_hand: 1000, reserved: 100 },
    'only held ones took plenty',
  );

  const held = await t.db.query(
    `SELECT r.order_id, r.status, count(l.*)::int AS lines, coalesce(sum(l.quantity), 0)::int AS units
     FROM reservations r JOIN reservation_lines l USING (order_id)
     GROUP BY r.order_id, r.status`,
  );
  assert.equal(held.rows.length, 200, 'every request left its outcome');
  const heldRows = held.rows.filter((r) => r.status === 'held');
  assert.equal(heldRows.length, 50);
  assert.equal(held.rows.filter((r) => r.status === 'rejected').length, 150);
  assert.ok(
    held.rows.every((r) => r.lines === 2 && r.units === 3),
    'every reservation kept both its lines',
  );
  const heldIds = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().orderId));
  assert.deepEqual(
    new Set(heldRows.map((r) => r.order_id)),
    heldIds,
    'the held ones are the ones answered 201',
  );
  const movements = await t.db.query(
    `SELECT product_id, sum(reserved_delta)::int AS reserved FROM stock_movements
     WHERE reason = 'reserved' GROUP BY product_id`,
  );
  assert.deepEqual(
    new Map(movements.rows.map((r) => [r.product_id, r.reserved])),
    new Map([
      [hot, 50],
      [plenty, 100],
    ]),
  );
});

test('concurrent retries of one order id hold once', async () => {
  const product = (await createProduct(t, { categoryId })).id;
  await setStock(t, product, 10);
  const payload = { orderId: 'retry-storm', lines: [{ productId: product, quantity: 3 }], ttlSeconds: 600 };
  const responses = await Promise.all(Array.from({ length: 20 }, () => reserve(payload)));
  const statuses = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(statuses, [...Array.from({ length: 19 }, () => 200), 201]);
  assert.ok(
    responses.every((r) => r.json().expiresAt === responses[0]!.json().expiresAt),
    'every answer is the same hold',
  );
  const { rows } = await t.db.query('SELECT reserved FROM inventory WHERE product_id = $1', [product]);
  assert.equal(rows[0].reserved, 3);
});

test('commits, releases and the sweeper racing on the same holds never double-count', async () => {
  const product = (await createProduct(t, { categoryId })).id;
  await setStock(t, product, 100);
  const ids = Array.from({ length: 30 }, (_, i) => `race-${i}`);
  for (const orderId of ids) {
    await reserve({ orderId, lines: [{ productId: product, quantity: 2 }], ttlSeconds: 600 });
  }
  await t.db.query(
    `UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = ANY($1)`,
    [ids.slice(0, 10)],
  );
  await Promise.all([
    t.service.sweeper.sweep(),
    ...ids.flatMap((orderId, i) => {
      const action = i % 2 === 0 ? 'commit' : 'release';
      const url = `/internal/reservations/${orderId}/${action}`;
      const call = () => t.app.inject({ method: 'POST', url, headers: bearer(t.serviceToken) });
      return [call(), call()];
    }),
  ]);
  const { rows } = await t.db.query(
    `SELECT status, count(*)::int AS n FROM reservations WHERE order_id = ANY($1) GROUP BY status`,
    [ids],
  );
  const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const committed = counts.committed ?? 0;
  assert.equal(committed + (counts.released ?? 0) + (counts.expired ?? 0), 30);
  const stock = await t.db.query('SELECT on_hand, reserved FROM inventory WHERE product_id = $1', [product]);
  assert.deepEqual(stock.rows[0], { on_hand: 100 - 2 * committed, reserved: 0 });
});

test('the sweeper releases expired holds on its own timer', async () => {
  const product = (await createProduct(t, { categoryId })).id;
  await setStock(t, product, 10);
  await reserve({ orderId: 'timer-1', lines: [{ productId: product, quantity: 4 }], ttlSeconds: 600 });
  await t.db.query(
    `UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = 'timer-1'`,
  );
  t.service.sweeper.start();
  try {
    await waitFor(async () => {
      const { rows } = await t.db.query(`SELECT status FROM reservations WHERE order_id = 'timer-1'`);
      assert.equal(rows[0].status, 'expired', 'the hold is swept');
    });
    const { rows } = await t.db.query('SELECT reserved FROM inventory WHERE product_id = $1', [product]);
    assert.equal(rows[0].reserved, 0);
  } finally {
    await t.service.sweeper.stop();
  }
});
