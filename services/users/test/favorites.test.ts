import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import {
  ProductsAdmin,
  sharedSigningKey,
  startProductsService,
  type CreatedProduct,
  type ProductsService,
} from './products-service.js';
import {
  compare,
  count,
  signUp,
  signUpAs,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const put = (t: UsersUnderTest, who: SignedUp, productId: string) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/users/me/favorites/${productId}`, headers: who.auth });
const remove = (t: UsersUnderTest, who: SignedUp, productId: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/users/me/favorites/${productId}`, headers: who.auth });
const list = (t: UsersUnderTest, who: SignedUp, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/users/me/favorites${query}`, headers: who.auth });

describe('favorites (no products service configured)', () => {
  let t: UsersUnderTest;
  let alice: SignedUp;
  let mallory: SignedUp;
  before(async () => {
    t = await startUsers();
    alice = await signUp(t);
    mallory = await signUp(t);
  });
  after(() => t.close());

  test('PUT and DELETE are idempotent', async () => {
    const product = randomUUID();
    assert.equal((await put(t, alice, product)).statusCode, 204);
    assert.equal((await put(t, alice, product)).statusCode, 204);
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [alice.id]), 1);
    assert.equal((await remove(t, alice, product)).statusCode, 204);
    assert.equal((await remove(t, alice, product)).statusCode, 204);
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [alice.id]), 0);
  });

  test('the list is newest first, page by page', async () => {
    const user = await signUp(t);
    const products = Array.from({ length: 5 }, () => randomUUID());
    for (const p of products) await put(t, user, p);
    const seen: { productId: string; addedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { productId: string; addedAt: string }[]; nextCursor: string | null } = (
        await list(t, user, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items);
      assert.ok(
        page.items.every((f) => !('product' in f)),
        'no product details without a catalog',
      );
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.map((f) => f.productId).sort(), [...products].sort(), 'each exactly once');
    const newestFirst = [...seen].sort(
      (a, b) => compare(b.addedAt, a.addedAt) || compare(b.productId, a.productId),
    );
    assert.deepEqual(seen, newestFirst);
  });

  test("BOLA: nobody sees or removes another user's favorites", async () => {
    const product = randomUUID();
    await put(t, alice, product);
    const mallorys = (await list(t, mallory)).json();
    assert.ok(mallorys.items.every((f: { productId: string }) => f.productId !== product));
    assert.equal((await remove(t, mallory, product)).statusCode, 204);
    assert.equal(
      await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = $2', [alice.id, product]),
      1,
    );
    const direct = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${alice.id}/favorites`,
      headers: mallory.auth,
    });
    assert.equal(direct.statusCode, 404);
  });

  test('product ids must be UUIDs; limits are bounded', async () => {
    const bad = await put(t, alice, "1'; DELETE FROM favorites;--");
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'params.productId');
    assert.equal((await list(t, alice, '?limit=1000')).statusCode, 400);
    assert.equal((await list(t, alice, '?sort=price')).json().errors[0].field, 'query.sort');
  });
});

describe('favorites against the real products service', () => {
  let keys: Awaited<ReturnType<typeof sharedSigningKey>>;
  let bus: TestDatabase;
  let products: ProductsService;
  let catalog: ProductsAdmin;
  let t: UsersUnderTest;
  let user: SignedUp;
  let lamp: CreatedProduct;
  let stool: CreatedProduct;
  let retired: CreatedProduct;

  before(async () => {
    keys = await sharedSigningKey();
    bus = await createTestDatabase('users_bus');
    products = await startProductsService({ busUrl: bus.url, jwksUrl: keys.jwksUrl });
    t = await startUsers({
      bus,
      env: { PRODUCTS_URL: products.url, SERVICE_CALL_TIMEOUT_MS: '500', ...keys.usersEnv },
    });
    const admin = await signUpAs(t, ['admin']);
    catalog = new ProductsAdmin(products.url, () => admin.accessToken);
    const category = await catalog.category('Living room');
    lamp = await catalog.product({ name: 'Lamp', categoryId: category, price: 4900, stock: 3 });
    stool = await catalog.product({ name: 'Stool', categoryId: category, price: 2900, stock: 0 });
    retired = await catalog.product({ name: 'Old lamp', categoryId: category });
    await catalog.archive(retired.id);
    user = await signUp(t);
  });
  after(async () => {
    await t?.close();
    await products?.stop();
    await bus?.drop();
    await keys?.close();
  });

  test('only products on sale can become favorites; nothing is written otherwise', async () => {
    const unknown = await put(t, user, randomUUID());
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'product_not_found');
    assert.equal((await put(t, user, retired.id)).statusCode, 404);
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [user.id]), 0);
    assert.equal((await put(t, user, lamp.id)).statusCode, 204);
    assert.equal((await put(t, user, stool.id)).statusCode, 204, 'sold out is still on sale');
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [user.id]), 2);
  });

  test('the list carries the products as products tells them; an unknown one shows as null', async () => {
    const gone = randomUUID();
    await t.db.query('INSERT INTO favorites (user_id, product_id) VALUES ($1, $2)', [user.id, gone]);
    const page = (await list(t, user)).json();
    const byId = Object.fromEntries(page.items.map((f: { productId: string }) => [f.productId, f]));
    assert.deepEqual(byId[lamp.id].product, {
      id: lamp.id,
      sku: byId[lamp.id].product.sku,
      slug: byId[lamp.id].product.slug,
      name: 'Lamp',
      price: 4900,
      currency: 'EUR',
      status: 'active',
      image: null,
      available: true,
    });
    assert.equal(byId[stool.id].product.available, false, 'sold out');
    assert.equal(byId[gone].product, null);
  });

  test('archiving a product at products takes it out of every favorites list (product.deleted.v1)', async () => {
    const other = await signUp(t);
    assert.equal((await put(t, other, stool.id)).statusCode, 204);
    await catalog.archive(stool.id);
    await waitFor(async () => {
      assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE product_id = $1', [stool.id]), 0, 'dropped');
    });
    assert.equal(
      await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = $2', [user.id, lamp.id]),
      1,
      'the others stay',
    );
    const { rows } = await t.db.query('SELECT status FROM catalog_products WHERE product_id = $1', [
      stool.id,
    ]);
    assert.deepEqual(rows, [{ status: 'archived' }]);
  });

  test('when products is down: adding answers 503, the list still answers without products', async () => {
    await products.stop();
    const added = await put(t, user, randomUUID());
    assert.equal(added.statusCode, 503);
    assert.equal(added.json().code, 'service_unavailable');
    const page = await list(t, user);
    assert.equal(page.statusCode, 200);
    assert.ok(page.json().items.length >= 1);
    assert.ok(page.json().items.every((f: object) => !('product' in f)));
    assert.equal((await put(t, user, lamp.id)).statusCode, 204, 'an existing favorite needs no lookup');
  });
});
