import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCategory, createProduct, outboxEvents, setStock } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts({ LOW_STOCK_THRESHOLD: '3' });
  categoryId = (await createCategory(t, 'Reservable')).id;
});
after(() => t.close());

let orders = 0;
const nextOrderId = () => `order-${++orders}-${Date.now()}`;

const reserve = (payload: object, token = t.serviceToken) =>
  t.app.inject({ method: 'POST', url: '/internal/reservations', headers: bearer(token), payload });
const act = (orderId: string, action: 'commit' | 'release' | 'restock') =>
  t.app.inject({
    method: 'POST',
    url: `/internal/reservations/${orderId}/${action}`,
    headers: bearer(t.serviceToken),
  });
const stock = async (productId: string) =>
  (await t.db.query('SELECT on_hand, reserved FROM inventory WHERE product_id = $1', [productId])).rows[0];

async function stockedProduct(onHand: number, status: 'active' | 'draft' = 'active') {
  const product = await createProduct(t, { categoryId, status });
  await setStock(t, product.id, onHand);
  return product.id;
}

describe('reserving', () => {
  test('holds every line: 201, reserved goes up, audit rows; a retry is a 200 with the same hold', async () => {
    const [a, b] = [await stockedProduct(10), await stockedProduct(5)];
    const orderId = nextOrderId();
    const payload = {
      orderId,
      lines: [
        { productId: a, quantity: 2 },
        { productId: b, quantity: 5 },
      ],
      ttlSeconds: 900,
    };
    const first = await reserve(payload);
    assert.equal(first.statusCode, 201, first.body);
    const body = first.json();
    assert.equal(body.orderId, orderId);
    assert.equal(body.status, 'held');
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    assert.deepEqual(
      body.lines,
      [
        { productId: a, quantity: 2 },
        { productId: b, quantity: 5 },
      ].sort((x, y) => x.productId.localeCompare(y.productId)),
    );
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 2 });
    assert.deepEqual(await stock(b), { on_hand: 5, reserved: 5 });

    const retry = await reserve(payload);
    assert.equal(retry.statusCode, 200);
    assert.deepEqual(retry.json(), body);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 2 }, 'a retry holds nothing more');

    const { rows } = await t.db.query(
      `SELECT product_id, reason, reserved_delta, order_id, actor FROM stock_movements
       WHERE order_id = $1 ORDER BY product_id`,
      [orderId],
    );
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.reason === 'reserved' && r.actor === 'service:orders'));
    const lowStock = (await outboxEvents(t, b)).filter((e) => e.type === 'inventory.low_stock.v1');
    assert.deepEqual(
      lowStock.map((e) => e.payload),
      [{ productId: b, available: 0, threshold: 3 }],
    );
  });

  test('not enough stock for one line: 409 listing it, nothing held; a retry replays the refusal', async () => {
    const [a, b] = [await stockedProduct(10), await stockedProduct(1)];
    const orderId = nextOrderId();
    const payload = {
      orderId,
      lines: [
        { productId: a, quantity: 3 },
        { productId: b, quantity: 2 },
      ],
      ttlSeconds: 60,
    };
    const response = await reserve(payload);
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'insufficient_stock');
    assert.deepEqual(response.json().unavailable, [{ productId: b, requested: 2, available: 1 }]);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    assert.deepEqual(await stock(b), { on_hand: 1, reserved: 0 });

    await setStock(t, b, 50);
    const retry = await reserve(payload);
    assert.equal(retry.statusCode, 409, 'the first answer stands, even with stock back');
    assert.deepEqual(retry.json().unavailable, [{ productId: b, requested: 2, available: 1 }]);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    const { rowCount } = await t.db.query(`SELECT 1 FROM stock_movements WHERE order_id = $1`, [orderId]);
    assert.equal(rowCount, 0);
  });

  test('unknown or inactive products: 422 product_unavailable, nothing held', async () => {
    const [active, draft] = [await stockedProduct(10), await stockedProduct(10, 'draft')];
    const unknown = '00000000-0000-4000-8000-00000000dead';
    const response = await reserve({
      orderId: nextOrderId(),
      lines: [
        { productId: active, quantity: 1 },
        { productId: draft, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
      ttlSeconds: 60,
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().code, 'product_unavailable');
    assert.deepEqual(
      response
        .json()
        .unavailable.map((u: { productId: string }) => u.productId)
        .sort(),
      [draft, unknown].sort(),
    );
    assert.deepEqual(await stock(active), { on_hand: 10, reserved: 0 });
  });

  test('the same order id with other lines is a 409 mismatch', async () => {
    const a = await stockedProduct(10);
    const orderId = nextOrderId();
    assert.equal(
      (await reserve({ orderId, lines: [{ productId: a, quantity: 1 }], ttlSeconds: 60 })).statusCode,
      201,
    );
    const other = await reserve({ orderId, lines: [{ productId: a, quantity: 2 }], ttlSeconds: 60 });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'reservation_mismatch');
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 1 });
  });

  test('bad requests: duplicate lines, zero quantity, ttl over the cap, no service token', async () => {
    const a = await stockedProduct(10);
    const cases: [object, string][] = [
      [
        {
          orderId: nextOrderId(),
          lines: [
            { productId: a, quantity: 1 },
            { productId: a, quantity: 1 },
          ],
          ttlSeconds: 60,
        },
        'body.lines',
      ],
      [
        { orderId: nextOrderId(), lines: [{ productId: a, quantity: 0 }], ttlSeconds: 60 },
        'body.lines.0.quantity',
      ],
      [
        { orderId: nextOrderId(), lines: [{ productId: a, quantity: 1 }], ttlSeconds: 7200 },
        'body.ttlSeconds',
      ],
      [{ orderId: nextOrderId(), lines: [], ttlSeconds: 60 }, 'body.lines'],
    ];
    for (const [payload, field] of cases) {
      const response = await reserve(payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().errors[0].field, field);
    }
    const asCustomer = await reserve(
      { orderId: nextOrderId(), lines: [{ productId: a, quantity: 1 }], ttlSeconds: 60 },
      t.customerToken,
    );
    assert.equal(asCustomer.statusCode, 401);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
  });
});

describe('after the hold', () => {
  test('commit deducts for good, idempotently; release after commit is refused; restock puts it back once', async () => {
    const a = await stockedProduct(10);
    const orderId = nextOrderId();
    await reserve({ orderId, lines: [{ productId: a, quantity: 4 }], ttlSeconds: 60 });

    for (let i = 0; i < 2; i++) {
      const commit = await act(orderId, 'commit');
      assert.equal(commit.statusCode, 200);
      assert.deepEqual(commit.json(), { orderId, status: 'committed' });
      assert.deepEqual(await stock(a), { on_hand: 6, reserved: 0 });
    }
    const release = await act(orderId, 'release');
    assert.equal(release.statusCode, 409);
    assert.equal(release.json().code, 'reservation_committed');

    for (let i = 0; i < 2; i++) {
      const restock = await act(orderId, 'restock');
      assert.equal(restock.statusCode, 200);
      assert.deepEqual(restock.json(), { orderId, status: 'restocked' });
      assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    }
    const reasons = await t.db.query(`SELECT reason FROM stock_movements WHERE order_id = $1 ORDER BY id`, [
      orderId,
    ]);
    assert.deepEqual(
      reasons.rows.map((r) => r.reason),
      ['reserved', 'committed', 'restocked'],
    );
  });

  test('release gives stock back, idempotently; commit after release is refused; so is a late reserve', async () => {
    const a = await stockedProduct(10);
    const orderId = nextOrderId();
    const payload = { orderId, lines: [{ productId: a, quantity: 4 }], ttlSeconds: 60 };
    await reserve(payload);
    for (let i = 0; i < 2; i++) {
      const release = await act(orderId, 'release');
      assert.deepEqual([release.statusCode, release.json()], [200, { orderId, status: 'released' }]);
      assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    }
    const commit = await act(orderId, 'commit');
    assert.equal(commit.statusCode, 409);
    assert.equal(commit.json().code, 'reservation_not_held');
    const again = await reserve(payload);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'reservation_not_held');
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    const restock = await act(orderId, 'restock');
    assert.equal(restock.statusCode, 409);
    assert.equal(restock.json().code, 'reservation_not_committed');
  });

  test('releasing an unknown order leaves a tombstone: the late reserve is refused, nothing held', async () => {
    const a = await stockedProduct(10);
    const orderId = nextOrderId();
    const release = await act(orderId, 'release');
    assert.deepEqual([release.statusCode, release.json()], [200, { orderId, status: 'released' }]);
    const late = await reserve({ orderId, lines: [{ productId: a, quantity: 1 }], ttlSeconds: 60 });
    assert.equal(late.statusCode, 409);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    assert.equal((await act(nextOrderId(), 'commit')).statusCode, 404);
    assert.equal((await act(nextOrderId(), 'restock')).statusCode, 404);
  });

  test('the sweeper releases expired holds; a commit after expiry is refused', async () => {
    const a = await stockedProduct(10);
    const [expiring, live] = [nextOrderId(), nextOrderId()];
    await reserve({ orderId: expiring, lines: [{ productId: a, quantity: 3 }], ttlSeconds: 60 });
    await reserve({ orderId: live, lines: [{ productId: a, quantity: 2 }], ttlSeconds: 600 });
    // Time passes for one hold.
    await t.db.query(`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1`, [
      expiring,
    ]);

    const released = await t.service.sweeper.sweep();
    assert.ok(released >= 1);
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 2 });
    const { rows } = await t.db.query(
      'SELECT order_id, status FROM reservations WHERE order_id = ANY($1) ORDER BY order_id',
      [[expiring, live]],
    );
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.order_id, r.status])), {
      [expiring]: 'expired',
      [live]: 'held',
    });
    const audit = await t.db.query(
      `SELECT actor FROM stock_movements WHERE order_id = $1 AND reason = 'expired'`,
      [expiring],
    );
    assert.deepEqual(audit.rows, [{ actor: 'sweeper' }]);
    const commit = await act(expiring, 'commit');
    assert.equal(commit.statusCode, 409);
    assert.equal(commit.json().reservationStatus, 'expired');
    assert.equal((await act(expiring, 'release')).statusCode, 200);
  });

  test('a hold past its expiry but not yet swept cannot be committed either', async () => {
    const a = await stockedProduct(10);
    const orderId = nextOrderId();
    await reserve({ orderId, lines: [{ productId: a, quantity: 3 }], ttlSeconds: 60 });
    await t.db.query(`UPDATE reservations SET expires_at = now() - interval '1 second' WHERE order_id = $1`, [
      orderId,
    ]);
    const commit = await act(orderId, 'commit');
    assert.equal(commit.statusCode, 409);
    assert.equal(commit.json().code, 'reservation_not_held');
    assert.deepEqual(await stock(a), { on_hand: 10, reserved: 0 });
    const { rows } = await t.db.query('SELECT status FROM reservations WHERE order_id = $1', [orderId]);
    assert.equal(rows[0].status, 'expired');
  });
});

describe('batch lookup', () => {
  test('GET /internal/products answers every status, leaves unknown ids out', async () => {
    const active = await stockedProduct(4);
    const draft = await createProduct(t, { categoryId, status: 'draft', price: 4200 });
    const unknown = '00000000-0000-4000-8000-00000000beef';
    const response = await t.app.inject({
      url: `/internal/products?ids=${active},${draft.id},${unknown}`,
      headers: bearer(t.serviceToken),
    });
    assert.equal(response.statusCode, 200);
    const items = response.json().items as {
      id: string;
      status: string;
      available: number;
      inStock: boolean;
    }[];
    assert.equal(items.length, 2);
    const byId = new Map(items.map((i) => [i.id, i]));
    assert.deepEqual(Object.keys(byId.get(draft.id)!).sort(), [
      'available',
      'brand',
      'categoryId',
      'currency',
      'id',
      'image',
      'inStock',
      'name',
      'price',
      'rating',
      'sku',
      'slug',
      'status',
    ]);
    assert.equal(byId.get(draft.id)!.status, 'draft');
    assert.deepEqual([byId.get(active)!.available, byId.get(active)!.inStock], [4, true]);
  });

  test('needs a service token; more than 100 ids or a malformed id is a 400', async () => {
    const ids = Array.from(
      { length: 101 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const user = await t.app.inject({
      url: `/internal/products?ids=${ids[0]}`,
      headers: bearer(t.adminToken),
    });
    assert.equal(user.statusCode, 401);
    const tooMany = await t.app.inject({
      url: `/internal/products?ids=${ids.join(',')}`,
      headers: bearer(t.serviceToken),
    });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().errors[0].field, 'query.ids');
    const malformed = await t.app.inject({
      url: '/internal/products?ids=abc',
      headers: bearer(t.serviceToken),
    });
    assert.equal(malformed.statusCode, 400);
  });
});
