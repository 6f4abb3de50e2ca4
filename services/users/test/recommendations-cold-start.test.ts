import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import {
  ProductsAdmin,
  sharedSigningKey,
  startProductsService,
  type ProductsService,
} from './products-service.js';
import { signUp, signUpAs, startUsers, type UsersUnderTest } from './support/users-under-test.js';

/** A shop where nothing has been bought yet still recommends: its best-rated products. */
describe('recommendations in a shop with no purchases yet', () => {
  let keys: Awaited<ReturnType<typeof sharedSigningKey>>;
  let bus: TestDatabase;
  let products: ProductsService;
  let t: UsersUnderTest;

  before(async () => {
    keys = await sharedSigningKey();
    bus = await createTestDatabase('users_cold_bus');
    products = await startProductsService({ busUrl: bus.url, jwksUrl: keys.jwksUrl });
    t = await startUsers({ bus, env: { PRODUCTS_URL: products.url, ...keys.usersEnv } });
  });

  after(async () => {
    await t?.close();
    await products?.stop();
    await bus?.drop();
    await keys?.close();
  });

  test('the best-rated products on sale, never a favorite or a sold-out one, each "Top rated"', async () => {
    const admin = await signUpAs(t, ['admin']);
    const catalog = new ProductsAdmin(products.url, () => admin.accessToken);
    const tea = await catalog.category('Tea');
    const [best, good, fair, soldOut] = [
      await catalog.product({ name: 'Best teapot', categoryId: tea, stock: 5 }),
      await catalog.product({ name: 'Good kettle', categoryId: tea, stock: 5 }),
      await catalog.product({ name: 'Fair cup', categoryId: tea, stock: 5 }),
      await catalog.product({ name: 'Sold-out tray', categoryId: tea, stock: 0 }),
    ];
    const reviewer = await signUp(t);
    for (const [product, rating] of [
      [best, 5],
      [good, 4],
      [fair, 2],
      [soldOut, 5],
    ] as const) {
      const response = await fetch(`${products.url}/api/v1/products/${product.id}/reviews`, {
        method: 'POST',
        headers: { ...reviewer.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ rating, title: 'Review', body: `Rated ${rating}` }),
      });
      assert.equal(response.status, 201, await response.text());
    }

    const shopper = await signUp(t);
    const favorite = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/me/favorites/${best.id}`,
      headers: shopper.auth,
    });
    assert.equal(favorite.statusCode, 204);

    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me/recommendations?limit=3',
      headers: shopper.auth,
    });
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json().items as { id: string; name: string; reason: string; inStock: boolean }[];
    assert.deepEqual(
      items.map((i) => [i.name, i.reason]),
      [
        ['Good kettle', 'Top rated'],
        ['Fair cup', 'Top rated'],
      ],
      'best rated first, without the favorite or the sold-out one',
    );
    assert.ok(items.every((i) => i.inStock));
  });
});
