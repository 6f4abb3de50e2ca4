import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCategory, createProduct, outboxEvents } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;

before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Headphones')).id;
});
after(() => t.close());

describe('creating products', () => {
  test('an admin creates a product: 201 with Location, ETag, stock and rating, and product.created.v1', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(t.adminToken),
      payload: {
        sku: 'SONY-WH1000XM5',
        name: 'Sony WH-1000XM5 Wireless Headphones',
        description: 'Industry-leading noise cancelling.',
        price: 37999,
        currency: 'EUR',
        categoryId,
        brand: 'Sony',
        attributes: { color: 'black', wireless: true, weight_g: 250 },
        images: ['https://img.example/wh1000xm5.jpg'],
        status: 'active',
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    const product = response.json();
    assert.equal(response.headers.location, `/api/v1/products/${product.id}`);
    assert.match(String(response.headers.etag), /^"v1\.s1\.r1\.admin"$/);
    assert.deepEqual(
      { ...product, id: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: undefined,
        sku: 'SONY-WH1000XM5',
        slug: 'sony-wh-1000xm5-wireless-headphones',
        name: 'Sony WH-1000XM5 Wireless Headphones',
        description: 'Industry-leading noise cancelling.',
        price: 37999,
        currency: 'EUR',
        categoryId,
        brand: 'Sony',
        attributes: { color: 'black', wireless: true, weight_g: 250 },
        images: ['https://img.example/wh1000xm5.jpg'],
        status: 'active',
        available: 0,
        inStock: false,
        rating: { average: 0, count: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
        version: 1,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    const events = await outboxEvents(t, product.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['product.created.v1'],
    );
    assert.deepEqual(events[0]!.payload, {
      productId: product.id,
      sku: 'SONY-WH1000XM5',
      name: 'Sony WH-1000XM5 Wireless Headphones',
      price: 37999,
      currency: 'EUR',
      categoryId,
      brand: 'Sony',
      status: 'active',
      version: 1,
    });
  });

  test('new products are drafts unless told otherwise; a taken name gets the SKU in its slug', async () => {
    const first = await createProduct(t, {
      categoryId,
      name: 'Studio Monitor',
      status: undefined,
      sku: 'MON-1',
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(t.adminToken),
      payload: {
        sku: 'MON-2',
        name: 'Studio Monitor',
        description: '',
        price: 100,
        currency: 'EUR',
        categoryId,
        brand: 'X',
      },
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().status, 'draft');
    assert.equal(first.slug, 'studio-monitor');
    assert.equal(response.json().slug, 'studio-monitor-mon-2');
  });

  test('a taken SKU is a 409 and nothing is written', async () => {
    await createProduct(t, { categoryId, sku: 'DUP-1' });
    const before = await t.db.query('SELECT count(*)::int AS n FROM products');
    const eventsBefore = (await outboxEvents(t)).length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(t.adminToken),
      payload: {
        sku: 'DUP-1',
        name: 'Other',
        description: '',
        price: 1,
        currency: 'EUR',
        categoryId,
        brand: 'X',
      },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'sku_taken');
    const afterCount = await t.db.query('SELECT count(*)::int AS n FROM products');
    assert.equal(afterCount.rows[0].n, before.rows[0].n);
    assert.equal((await outboxEvents(t)).length, eventsBefore);
  });

  test('bad bodies are 400s naming the field; an unknown category is a 422', async () => {
    const base = {
      sku: 'OK-1',
      name: 'Ok',
      description: '',
      price: 1,
      currency: 'EUR',
      categoryId,
      brand: 'X',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, price: -1 }, 'body.price'],
      [{ ...base, currency: 'euro' }, 'body.currency'],
      [{ ...base, colour: 'red' }, 'body.colour'],
      [{ ...base, attributes: { 'Bad Name': 1 } }, 'body.attributes.Bad Name'],
      [{ ...base, sku: undefined }, 'body.sku'],
    ];
    for (const [payload, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: bearer(t.adminToken),
        payload,
      });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().errors[0].field, field);
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(t.adminToken),
      payload: { ...base, categoryId: '00000000-0000-4000-8000-000000000001' },
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().code, 'unknown_category');
  });

  test('only admins create products', async () => {
    const payload = {
      sku: 'NOPE',
      name: 'N',
      description: '',
      price: 1,
      currency: 'EUR',
      categoryId,
      brand: 'X',
    };
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/products', payload });
    assert.equal(anonymous.statusCode, 401);
    const customer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: bearer(t.customerToken),
      payload,
    });
    assert.equal(customer.statusCode, 403);
    const { rowCount } = await t.db.query(`SELECT 1 FROM products WHERE sku = 'NOPE'`);
    assert.equal(rowCount, 0);
  });
});

describe('reading a product', () => {
  test('by id or slug, with an ETag; If-None-Match answers 304', async () => {
    const product = await createProduct(t, { categoryId, name: 'Readable Thing' });
    const byId = await t.app.inject({ url: `/api/v1/products/${product.id}` });
    assert.equal(byId.statusCode, 200);
    const etag = String(byId.headers.etag);
    assert.equal(etag, '"v1.s1.r1.public"');
    const bySlug = await t.app.inject({ url: '/api/v1/products/readable-thing' });
    assert.equal(bySlug.json().id, product.id);

    const cached = await t.app.inject({
      url: `/api/v1/products/${product.id}`,
      headers: { 'if-none-match': etag },
    });
    assert.equal(cached.statusCode, 304);
    assert.equal(cached.body, '');
    const weak = await t.app.inject({
      url: `/api/v1/products/${product.id}`,
      headers: { 'if-none-match': `W/${etag}` },
    });
    assert.equal(weak.statusCode, 304);
  });

  test('a stock change changes the ETag, so a cached copy is not served stale', async () => {
    const product = await createProduct(t, { categoryId });
    const first = await t.app.inject({ url: `/api/v1/products/${product.id}` });
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/products/${product.id}/inventory`,
      headers: bearer(t.adminToken),
      payload: { onHand: 3 },
    });
    const second = await t.app.inject({
      url: `/api/v1/products/${product.id}`,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().available, 3);
    assert.equal(second.json().inStock, true);
    assert.notEqual(second.headers.etag, first.headers.etag);
  });

  test('drafts and archived products are hidden from customers and anonymous, shown to admins', async () => {
    const draft = await createProduct(t, { categoryId, status: 'draft' });
    for (const headers of [{}, bearer(t.customerToken)]) {
      const response = await t.app.inject({ url: `/api/v1/products/${draft.id}`, headers });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'product_not_found');
    }
    const admin = await t.app.inject({ url: `/api/v1/products/${draft.id}`, headers: bearer(t.adminToken) });
    assert.equal(admin.statusCode, 200);
    assert.match(String(admin.headers.etag), /\.admin"$/);
  });

  test('an unknown product is a 404; a bad token is a 401 even where anonymous may read', async () => {
    const missing = await t.app.inject({ url: '/api/v1/products/00000000-0000-4000-8000-000000000009' });
    assert.equal(missing.statusCode, 404);
    const badToken = await t.app.inject({ url: '/api/v1/products/anything', headers: bearer('not.a.token') });
    assert.equal(badToken.statusCode, 401);
  });
});

describe('editing products', () => {
  test('PATCH without If-Match is 428; with a stale one 412; nothing changes', async () => {
    const product = await createProduct(t, { categoryId, price: 1000 });
    const url = `/api/v1/products/${product.id}`;
    const missing = await t.app.inject({
      method: 'PATCH',
      url,
      headers: bearer(t.adminToken),
      payload: { price: 900 },
    });
    assert.equal(missing.statusCode, 428);
    assert.equal(missing.json().code, 'if_match_required');

    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...bearer(t.adminToken), 'if-match': '"v7.s1.r1.admin"' },
      payload: { price: 900 },
    });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json().currentVersion, 1);
    const { rows } = await t.db.query('SELECT price, version FROM products WHERE id = $1', [product.id]);
    assert.deepEqual(rows[0], { price: 1000, version: 1 });
    assert.deepEqual(
      (await outboxEvents(t, product.id)).map((e) => e.type),
      ['product.created.v1'],
    );
  });

  test('PATCH with the current ETag edits, bumps the version and emits updated and price_changed', async () => {
    const product = await createProduct(t, { categoryId, price: 1000 });
    const url = `/api/v1/products/${product.id}`;
    const read = await t.app.inject({ url, headers: bearer(t.adminToken) });
    // A sale in between does not conflict with an edit: If-Match checks the product version.
    await t.app.inject({
      method: 'PUT',
      url: `${url}/inventory`,
      headers: bearer(t.adminToken),
      payload: { onHand: 5 },
    });
    const response = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...bearer(t.adminToken), 'if-match': String(read.headers.etag) },
      payload: { price: 1200, name: 'Renamed' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().version, 2);
    assert.equal(response.json().price, 1200);
    assert.match(String(response.headers.etag), /^"v2\./);

    const events = await outboxEvents(t, product.id);
    assert.deepEqual(
      events.map((e) => e.type),
      ['product.created.v1', 'inventory.back_in_stock.v1', 'product.updated.v1', 'product.price_changed.v1'],
    );
    assert.deepEqual(events[3]!.payload, {
      productId: product.id,
      oldPrice: 1000,
      newPrice: 1200,
      currency: 'EUR',
      version: 2,
    });

    const again = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...bearer(t.adminToken), 'if-match': String(read.headers.etag) },
      payload: { price: 1300 },
    });
    assert.equal(again.statusCode, 412);
  });

  test('an empty PATCH is a 400; a PATCH that changes nothing keeps the version', async () => {
    const product = await createProduct(t, {
      categoryId,
      name: 'Same',
      attributes: { size: 'm', color: 'red' },
    });
    const url = `/api/v1/products/${product.id}`;
    const headers = { ...bearer(t.adminToken), 'if-match': '"v1"' };
    const empty = await t.app.inject({ method: 'PATCH', url, headers, payload: {} });
    assert.equal(empty.statusCode, 400);
    const same = await t.app.inject({
      method: 'PATCH',
      url,
      headers,
      payload: { name: 'Same', attributes: { color: 'red', size: 'm' } },
    });
    assert.equal(same.statusCode, 200);
    assert.equal(same.json().version, 1);
    assert.equal((await outboxEvents(t, product.id)).length, 1);
  });

  test('DELETE archives: 204, hidden from customers, product.deleted.v1; repeating changes nothing', async () => {
    const product = await createProduct(t, { categoryId });
    const url = `/api/v1/products/${product.id}`;
    const response = await t.app.inject({ method: 'DELETE', url, headers: bearer(t.adminToken) });
    assert.equal(response.statusCode, 204);
    const { rows } = await t.db.query('SELECT status, version FROM products WHERE id = $1', [product.id]);
    assert.deepEqual(rows[0], { status: 'archived', version: 2 });
    assert.equal((await t.app.inject({ url })).statusCode, 404);
    const again = await t.app.inject({ method: 'DELETE', url, headers: bearer(t.adminToken) });
    assert.equal(again.statusCode, 204);
    assert.deepEqual(
      (await outboxEvents(t, product.id)).map((e) => e.type),
      ['product.created.v1', 'product.updated.v1', 'product.deleted.v1'],
    );
  });
});
