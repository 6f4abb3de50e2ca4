import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_PRICE } from '../src/domain/product.js';
import { MAX_ON_HAND } from '../src/domain/stock.js';
import { createCategory, createProduct, outboxEvents, setStock } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

/**
 * Input that used to reach PostgreSQL and come back as a 500: numbers beyond what a column holds,
 * ids in capitals that JavaScript compared as other ids. Each must be a 4xx problem naming what is
 * wrong, and leave nothing written.
 */
let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Hostile')).id;
});
after(() => t.close());

const admin = () => bearer(t.adminToken);

function assertProblem(
  answer: { statusCode: number; headers: Record<string, unknown>; json(): { errors?: { field: string }[] } },
  status: number,
  field?: string,
) {
  assert.equal(answer.statusCode, status);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  if (field)
    assert.ok(
      answer.json().errors?.some((e) => e.field === field),
      `names ${field}`,
    );
}

describe('numbers beyond what the database holds', () => {
  test('price filters past the documented maximum are 400s naming the parameter', async () => {
    for (const [name, value] of [
      ['minPrice', '99999999999999999999'],
      ['maxPrice', '1e308'],
      ['minPrice', '9223372036854775807'],
      ['maxPrice', String(MAX_PRICE + 1)],
      // Costly shapes (text, off-band price) too: validation comes before any budget.
      ['maxPrice', `9223372036854775808&q=kettle&minPrice=12345`],
    ]) {
      const answer = await t.app.inject({ url: `/api/v1/products?${name}=${value}` });
      assertProblem(answer, 400, `query.${name}`);
    }
    const atMaximum = await t.app.inject({ url: `/api/v1/products?maxPrice=${MAX_PRICE}` });
    assert.equal(atMaximum.statusCode, 200, atMaximum.body);
  });

  test('a product price past the maximum is a 400 and writes nothing', async () => {
    const before = (await outboxEvents(t)).length;
    // As sent on the wire: 2^53 + 1 is no JavaScript number, it would arrive as 2^53.
    for (const [n, price] of ['1e20', '9007199254740993', String(MAX_PRICE + 1)].entries()) {
      const fields = {
        sku: `HUGE-${n}`,
        name: 'Too dear',
        description: 'd',
        currency: 'EUR',
        categoryId,
        brand: 'Acme',
      };
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { ...admin(), 'content-type': 'application/json' },
        payload: JSON.stringify(fields).replace(/}$/, `,"price":${price}}`),
      });
      assertProblem(created, 400, 'body.price');
    }
    const { rows } = await t.db.query(`SELECT 1 FROM products WHERE sku LIKE 'HUGE-%'`);
    assert.equal(rows.length, 0, 'no product was written');

    const product = await createProduct(t, { categoryId, price: 1000 });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${product.id}`,
      headers: { ...admin(), 'if-match': '*' },
      payload: { price: 1e20 },
    });
    assertProblem(patched, 400, 'body.price');
    const stored = await t.db.query('SELECT price, version FROM products WHERE id = $1', [product.id]);
    assert.deepEqual(stored.rows[0], { price: 1000, version: 1 });
    const events = (await outboxEvents(t)).slice(before).map((e) => [e.type, e.aggregateId]);
    assert.deepEqual(events, [['product.created.v1', product.id]], 'only the valid product was announced');
  });

  test('stock beyond the maximum on hand is a 409 problem, the count unchanged', async () => {
    const product = await createProduct(t, { categoryId });
    await setStock(t, product.id, MAX_ON_HAND);
    const put = (payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/products/${product.id}/inventory`,
        headers: admin(),
        payload,
      });
    const over = await put({ delta: 1 });
    assertProblem(over, 409, 'body.delta');
    assert.equal((over.json() as { code: string }).code, 'stock_above_maximum');
    assertProblem(await put({ onHand: MAX_ON_HAND + 1 }), 400, 'body.onHand');
    assertProblem(await put({ delta: 2 * MAX_ON_HAND }), 400, 'body.delta');
    const { rows } = await t.db.query(
      `SELECT on_hand, (SELECT count(*)::int FROM stock_movements WHERE product_id = $1) AS moves
       FROM inventory WHERE product_id = $1`,
      [product.id],
    );
    assert.deepEqual(rows[0], { on_hand: MAX_ON_HAND, moves: 1 });
  });
});

describe('ids in capitals are the same ids', () => {
  test('a category cannot be made its own parent by spelling its id in capitals', async () => {
    const category = await createCategory(t, 'Self parent');
    const child = await createCategory(t, 'Self parent child', category.id);
    const patch = (id: string, parentId: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/categories/${id}`,
        headers: admin(),
        payload: { parentId },
      });
    for (const [id, parentId] of [
      [category.id.toUpperCase(), category.id],
      [category.id, category.id.toUpperCase()],
      [category.id.toUpperCase(), child.id.toUpperCase()],
    ]) {
      const answer = await patch(id!, parentId!);
      assertProblem(answer, 409);
      assert.equal((answer.json() as { code: string }).code, 'category_cycle');
    }
    const { rows } = await t.db.query('SELECT parent_id FROM categories WHERE id = $1', [category.id]);
    assert.equal(rows[0].parent_id, null, 'the category did not move');

    const moved = await patch(child.id.toUpperCase(), categoryId.toUpperCase());
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(
      { id: moved.json().id, parentId: moved.json().parentId },
      { id: child.id, parentId: categoryId },
      'answered in lower case',
    );
  });

  test('a category filter or a product category in capitals is the same category', async () => {
    const category = await createCategory(t, 'Capitals');
    const product = await createProduct(t, { categoryId: category.id });
    const listed = await t.app.inject({ url: `/api/v1/products?category=${category.id.toUpperCase()}` });
    assert.deepEqual(
      listed.json().items.map((p: { id: string }) => p.id),
      [product.id],
    );
    const bySlug = await t.app.inject({ url: `/api/v1/products?category=${category.slug.toUpperCase()}` });
    assert.equal(bySlug.json().total, 1);

    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${product.id.toUpperCase()}`,
      headers: { ...admin(), 'if-match': '*' },
      payload: { categoryId: categoryId.toUpperCase() },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().categoryId, categoryId);
    // The service forgets what it changed under the id's one spelling: the page shows the move.
    const page = await t.app.inject({ url: `/api/v1/products/${product.id}` });
    assert.equal(page.json().categoryId, categoryId);
  });

  test('one product named twice in a reservation, once in capitals, is a 400 and holds nothing', async () => {
    const product = await createProduct(t, { categoryId });
    await setStock(t, product.id, 10);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/internal/reservations',
      headers: bearer(t.serviceToken),
      payload: {
        orderId: 'order-twice',
        lines: [
          { productId: product.id, quantity: 1 },
          { productId: product.id.toUpperCase(), quantity: 1 },
        ],
        ttlSeconds: 60,
      },
    });
    assertProblem(answer, 400, 'body.lines');
    const { rows } = await t.db.query(
      `SELECT (SELECT reserved FROM inventory WHERE product_id = $1) AS reserved,
              (SELECT count(*)::int FROM reservations WHERE order_id = 'order-twice') AS reservations`,
      [product.id],
    );
    assert.deepEqual(rows[0], { reserved: 0, reservations: 0 });
  });
});

test('a category name with nothing to make a slug of asks for a slug (400), writes nothing', async () => {
  for (const name of ['!!!', '中文']) {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: admin(),
      payload: { name },
    });
    assertProblem(answer, 400, 'body.slug');
  }
  const { rows } = await t.db.query(`SELECT 1 FROM categories WHERE slug = '' OR name IN ('!!!', '中文')`);
  assert.equal(rows.length, 0);
  const named = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories',
    headers: admin(),
    payload: { name: '中文', slug: 'chinese-books' },
  });
  assert.equal(named.statusCode, 201, named.body);
});
