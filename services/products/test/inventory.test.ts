import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCategory, createProduct, outboxEvents } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts({ LOW_STOCK_THRESHOLD: '5' });
  categoryId = (await createCategory(t, 'Stocked')).id;
});
after(() => t.close());

const put = (id: string, payload: object, token = t.adminToken) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/products/${id}/inventory`, headers: bearer(token), payload });

const movements = async (productId: string) =>
  (
    await t.db.query(
      `SELECT reason, on_hand_delta, reserved_delta, on_hand, reserved, actor, note
       FROM stock_movements WHERE product_id = $1 ORDER BY id`,
      [productId],
    )
  ).rows;

test('an admin sets the count or books a delta; each change is audited and signalled', async () => {
  const product = await createProduct(t, { categoryId });
  const set = await put(product.id, { onHand: 10, note: 'stocktake' });
  assert.equal(set.statusCode, 200, set.body);
  assert.deepEqual(
    { ...(set.json() as object), updatedAt: undefined },
    {
      productId: product.id,
      onHand: 10,
      reserved: 0,
      available: 10,
      version: 2,
      updatedAt: undefined,
    },
  );
  const out = await put(product.id, { delta: -7 });
  assert.equal(out.json().onHand, 3);
  const unchanged = await put(product.id, { onHand: 3 });
  assert.equal(unchanged.json().version, 3, 'no change, no new version');

  assert.deepEqual(await movements(product.id), [
    {
      reason: 'adjusted',
      on_hand_delta: 10,
      reserved_delta: 0,
      on_hand: 10,
      reserved: 0,
      actor: 'admin:00000000-0000-4000-8000-00000000a0a0',
      note: 'stocktake',
    },
    {
      reason: 'adjusted',
      on_hand_delta: -7,
      reserved_delta: 0,
      on_hand: 3,
      reserved: 0,
      actor: 'admin:00000000-0000-4000-8000-00000000a0a0',
      note: null,
    },
  ]);
  const events = (await outboxEvents(t, product.id)).filter((e) => e.type.startsWith('inventory.'));
  assert.deepEqual(events, [
    {
      type: 'inventory.back_in_stock.v1',
      aggregateId: product.id,
      payload: { productId: product.id, available: 10 },
    },
    {
      type: 'inventory.low_stock.v1',
      aggregateId: product.id,
      payload: { productId: product.id, available: 3, threshold: 5 },
    },
  ]);

  const read = await t.app.inject({
    url: `/api/v1/products/${product.id}/inventory`,
    headers: bearer(t.adminToken),
  });
  assert.equal(read.json().onHand, 3);
});

test('on hand cannot go below reserved or zero: 409 and nothing written', async () => {
  const product = await createProduct(t, { categoryId });
  await put(product.id, { onHand: 5 });
  const reserve = await t.app.inject({
    method: 'POST',
    url: '/internal/reservations',
    headers: bearer(t.serviceToken),
    payload: { orderId: 'order-inv-1', lines: [{ productId: product.id, quantity: 4 }], ttlSeconds: 60 },
  });
  assert.equal(reserve.statusCode, 201);
  for (const payload of [{ onHand: 3 }, { delta: -2 }, { delta: -10 }]) {
    const response = await put(product.id, payload);
    assert.equal(response.statusCode, 409, JSON.stringify(payload));
    assert.equal(response.json().code, 'stock_below_reserved');
  }
  const { rows } = await t.db.query('SELECT on_hand, reserved FROM inventory WHERE product_id = $1', [
    product.id,
  ]);
  assert.deepEqual(rows[0], { on_hand: 5, reserved: 4 });
});

test('the database itself refuses overselling and negative stock', async () => {
  const product = await createProduct(t, { categoryId });
  await put(product.id, { onHand: 2 });
  for (const statement of [
    'UPDATE inventory SET reserved = 3 WHERE product_id = $1',
    'UPDATE inventory SET on_hand = -1 WHERE product_id = $1',
    'UPDATE inventory SET reserved = -1 WHERE product_id = $1',
  ]) {
    await assert.rejects(
      t.db.query(statement, [product.id]),
      (error: { code?: string }) => error.code === '23514',
    );
  }
});

test('exactly one of onHand and delta; only admins; unknown product 404', async () => {
  const product = await createProduct(t, { categoryId });
  for (const payload of [{}, { onHand: 1, delta: 1 }]) {
    const response = await put(product.id, payload);
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().errors[0].field, 'body.onHand');
  }
  assert.equal((await put(product.id, { onHand: -1 })).statusCode, 400);
  assert.equal((await put(product.id, { onHand: 1 }, t.customerToken)).statusCode, 403);
  assert.equal((await put('00000000-0000-4000-8000-000000000003', { onHand: 1 })).statusCode, 404);
  assert.deepEqual(await movements(product.id), []);
});
