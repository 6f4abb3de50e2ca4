import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTokenVerifier } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import { buildApp, type ProductsApp } from '../src/app.js';
import { ProductCache } from '../src/data/product-cache.js';
import type { Product } from '../src/domain/product.js';
import { createCategory, createProduct, setStock } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;

before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Cached things')).id;
});
after(() => t.close());

const show = async (app: ProductsApp['app'], idOrSlug: string) => {
  const response = await app.inject({ url: `/api/v1/products/${idOrSlug}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { name: string; price: number; available: number; rating: { count: number } };
};

/** Changes a product name behind the service's back: no notice is sent, so only a database read sees it. */
async function renameSilently(productId: string, name: string) {
  await t.db.query('ALTER TABLE products DISABLE TRIGGER products_announce_update');
  try {
    await t.db.query('UPDATE products SET name = $2 WHERE id = $1', [productId, name]);
  } finally {
    await t.db.query('ALTER TABLE products ENABLE TRIGGER products_announce_update');
  }
}

describe('the product cache', () => {
  test('a product read once is shown from memory until a change is announced', async () => {
    const product = await createProduct(t, { categoryId, name: 'Teapot' });
    assert.equal((await show(t.app, product.id)).name, 'Teapot');
    assert.equal((await show(t.app, product.slug)).name, 'Teapot');

    await renameSilently(product.id, 'Renamed without notice');
    assert.equal((await show(t.app, product.id)).name, 'Teapot', 'served from memory');
    assert.equal((await show(t.app, product.slug)).name, 'Teapot', 'by slug as well');

    // Any writer's UPDATE announces itself at commit (here: another program on the database).
    await t.db.query('UPDATE products SET name = $2 WHERE id = $1', [product.id, 'Teapot, announced']);
    await waitFor(async () =>
      assert.equal((await show(t.app, product.id)).name, 'Teapot, announced', 'the notice reached the cache'),
    );
    await t.db.query('UPDATE inventory SET on_hand = 7 WHERE product_id = $1', [product.id]);
    await waitFor(async () => assert.equal((await show(t.app, product.id)).available, 7, 'stock notice'));
  });

  test("this replica's own writes are visible to the very next read", async () => {
    const product = await createProduct(t, { categoryId, price: 1000 });
    const admin = bearer(t.adminToken);
    // Deaf to notices (the cache stays on): only the replica forgetting what it wrote keeps it exact.
    await t.service.changeNotices.stop();
    assert.equal((await show(t.app, product.id)).price, 1000);
    assert.ok(t.service.cache.size > 0, 'served from memory');

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${product.id}`,
      headers: { ...admin, 'if-match': `"v${product.version}"` },
      payload: { price: 1200 },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal((await show(t.app, product.id)).price, 1200, 'after an edit');

    await setStock(t, product.id, 10);
    assert.equal((await show(t.app, product.id)).available, 10, 'after an inventory change');

    const reserve = await t.app.inject({
      method: 'POST',
      url: '/internal/reservations',
      headers: bearer(t.serviceToken),
      payload: { orderId: 'cache-order-1', lines: [{ productId: product.id, quantity: 3 }], ttlSeconds: 60 },
    });
    assert.equal(reserve.statusCode, 201, reserve.body);
    assert.equal((await show(t.app, product.id)).available, 7, 'after a reservation');
    const release = await t.app.inject({
      method: 'POST',
      url: '/internal/reservations/cache-order-1/release',
      headers: bearer(t.serviceToken),
    });
    assert.equal(release.statusCode, 200, release.body);
    assert.equal((await show(t.app, product.id)).available, 10, 'after a release');

    const review = await t.app.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/reviews`,
      headers: bearer(t.customerToken),
      payload: { rating: 5, title: 'Lovely', body: 'Pours well.' },
    });
    assert.equal(review.statusCode, 201, review.body);
    assert.equal((await show(t.app, product.id)).rating.count, 1, 'after a review');
    await t.service.changeNotices.start();
  });

  test('another replica hears of the change and forgets its copy', async () => {
    const other = await buildApp(t.config, {
      verifier: createTokenVerifier({ jwks: t.issuer.jwks, issuer: t.issuer.issuer }),
    });
    await other.changeNotices.start();
    try {
      const product = await createProduct(t, { categoryId, price: 500 });
      assert.equal((await show(other.app, product.id)).price, 500);
      assert.equal(other.cache.size, 1, 'the other replica keeps it');

      await setStock(t, product.id, 4); // through the first replica
      await waitFor(async () =>
        assert.equal((await show(other.app, product.id)).available, 4, 'the other replica forgot its copy'),
      );
    } finally {
      await other.changeNotices.stop();
      await other.app.close();
      await other.pool.end();
    }
  });

  test('while the listener is away nothing is served from memory; it comes back by itself', async () => {
    const product = await createProduct(t, { categoryId, name: 'Kettle' });
    assert.equal((await show(t.app, product.id)).name, 'Kettle');

    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'product change listener' AND datname = current_database()`,
    );
    await waitFor(() => assert.equal(t.service.changeNotices.listening, false, 'the loss was noticed'));
    await renameSilently(product.id, 'Kettle, read from the database');
    assert.equal((await show(t.app, product.id)).name, 'Kettle, read from the database');

    await waitFor(() => assert.equal(t.service.changeNotices.listening, true, 'listening again'), {
      timeoutMs: 15_000,
    });
    await show(t.app, product.id);
    await renameSilently(product.id, 'Kettle, unseen');
    assert.equal((await show(t.app, product.id)).name, 'Kettle, read from the database', 'cached again');
  });

  test("a TRUNCATE (the seed's replace) empties every replica's cache", async () => {
    const other = await startProducts();
    try {
      const category = await createCategory(other, 'Soon gone');
      const product = await createProduct(other, { categoryId: category.id });
      await show(other.app, product.id);
      assert.equal(other.service.cache.size, 1);
      await other.db.query('TRUNCATE products CASCADE');
      await waitFor(async () => {
        const response = await other.app.inject({ url: `/api/v1/products/${product.id}` });
        assert.equal(response.statusCode, 404, 'the truncated product is gone from memory too');
      });
    } finally {
      await other.close();
    }
  });

  test('PRODUCT_CACHE_SIZE=0 reads every product from the database', async () => {
    const plain = await startProducts({ PRODUCT_CACHE_SIZE: '0' });
    try {
      const category = await createCategory(plain, 'Uncached');
      const product = await createProduct(plain, { categoryId: category.id, name: 'Mug' });
      assert.equal((await show(plain.app, product.id)).name, 'Mug');
      await plain.db.query('ALTER TABLE products DISABLE TRIGGER products_announce_update');
      await plain.db.query('UPDATE products SET name = $2 WHERE id = $1', [product.id, 'Mug, silently']);
      assert.equal((await show(plain.app, product.id)).name, 'Mug, silently');
      assert.equal(plain.service.cache.size, 0);
      assert.equal(plain.service.changeNotices.listening, false);
    } finally {
      await plain.close();
    }
  });
});

describe('ProductCache', () => {
  const product = (id: string, slug = `slug-${id}`): Product => ({
    id,
    sku: `SKU-${id}`,
    slug,
    name: 'A thing',
    description: '',
    price: 100,
    currency: 'EUR',
    categoryId: 'c',
    brand: 'Acme',
    attributes: { colour: 'red' },
    images: [],
    status: 'active',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    available: 1,
    stockVersion: 1,
    rating: { average: 0, count: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
    ratingVersion: 1,
  });
  const live = () => {
    const cache = new ProductCache({ maxProducts: 10, ttlMs: 60_000 });
    cache.setLive(true);
    return cache;
  };

  test('a read that overlapped a forget is not kept (it may hold the old version)', () => {
    const cache = live();
    const ticket = cache.ticket();
    cache.forget(['other']);
    cache.store(ticket, product('a'));
    assert.equal(cache.find('a', true), undefined);
    cache.store(cache.ticket(), product('a'));
    assert.equal(cache.find('a', true)?.id, 'a');
  });

  test('nothing is kept or served while not live', () => {
    const cache = new ProductCache({ maxProducts: 10, ttlMs: 60_000 });
    cache.store(cache.ticket(), product('a'));
    assert.equal(cache.size, 0);
    cache.setLive(true);
    cache.store(cache.ticket(), product('a'));
    cache.setLive(false);
    assert.equal(cache.find('a', true), undefined);
  });

  test('a slug leads only to a product that still has it', () => {
    const cache = live();
    cache.store(cache.ticket(), product('a', 'old-slug'));
    assert.equal(cache.find('old-slug', false)?.id, 'a');
    cache.forget(['a']);
    cache.store(cache.ticket(), product('a', 'new-slug'));
    assert.equal(cache.find('old-slug', false), undefined);
    assert.equal(cache.find('new-slug', false)?.id, 'a');
  });

  test('a forgotten write is forgotten even when it failed, and kept products cannot be changed', async () => {
    const cache = live();
    cache.store(cache.ticket(), product('a'));
    await assert.rejects(
      cache.forgettingTouched(async (touched) => {
        touched.add('a');
        throw new Error('rolled back');
      }),
    );
    assert.equal(cache.find('a', true), undefined);
    cache.store(cache.ticket(), product('b'));
    const kept = cache.find('b', true)!;
    assert.throws(() => {
      (kept.rating.histogram as Record<string, number>)['5'] = 9;
    }, TypeError);
  });
});
