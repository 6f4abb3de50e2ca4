import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTokenVerifier } from '@shop/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { compare, count, signUp, startTestApp, type SignedUp, type TestApp } from './test-app.js';

const put = (t: TestApp, who: SignedUp, productId: string) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/users/me/favorites/${productId}`, headers: who.auth });
const remove = (t: TestApp, who: SignedUp, productId: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/users/me/favorites/${productId}`, headers: who.auth });
const list = (t: TestApp, who: SignedUp, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/users/me/favorites${query}`, headers: who.auth });

describe('favorites (no products service configured)', () => {
  let t: TestApp;
  let alice: SignedUp;
  let mallory: SignedUp;
  before(async () => {
    t = await startTestApp();
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

describe('favorites against the products service', () => {
  let t: TestApp;
  let products: FastifyInstance;
  let user: SignedUp;
  let jwks: JSONWebKeySet | undefined;
  const active = randomUUID();
  const archived = randomUUID();
  const catalog: Record<string, Record<string, unknown>> = {
    [active]: {
      id: active,
      sku: 'SKU-1',
      slug: 'lamp',
      name: 'Lamp',
      price: 4900,
      currency: 'EUR',
      status: 'active',
      image: null,
      available: true,
    },
    [archived]: {
      id: archived,
      sku: 'SKU-2',
      slug: 'old',
      name: 'Old',
      price: 100,
      currency: 'EUR',
      status: 'archived',
      image: null,
      available: false,
    },
  };
  const calls: string[] = [];

  before(async () => {
    // A stand-in for the products service: real HTTP, and it checks the service token it is sent.
    products = Fastify();
    products.get('/internal/products', async (request, reply) => {
      const verifier = createTokenVerifier({ jwks: createLocalJWKSet(jwks!), issuer: 'shop-users' });
      const token = String(request.headers.authorization).replace(/^Bearer /, '');
      const principal = await verifier.verify(token, 'shop-internal').catch(() => undefined);
      if (!principal?.roles.includes('service')) return reply.code(401).send({ code: 'unauthenticated' });
      const ids = String((request.query as { ids: string }).ids).split(',');
      calls.push(ids.join(','));
      return {
        items: ids
          .filter((id) => catalog[id])
          .map((id) => ({
            ...catalog[id],
            categoryId: 'c',
            brand: 'b',
            inStock: true,
            rating: { average: 0, count: 0 },
          })),
      };
    });
    const url = await products.listen({ host: '127.0.0.1', port: 0 });
    t = await startTestApp({ env: { PRODUCTS_URL: url, SERVICE_CALL_TIMEOUT_MS: '500' } });
    jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    user = await signUp(t);
  });
  after(async () => {
    await t.close();
    await products.close();
  });

  test('only products on sale can become favorites; nothing is written otherwise', async () => {
    const unknown = await put(t, user, randomUUID());
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'product_not_found');
    assert.equal((await put(t, user, archived)).statusCode, 404);
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [user.id]), 0);
    assert.equal((await put(t, user, active)).statusCode, 204);
    assert.equal(await count(t, 'SELECT 1 FROM favorites WHERE user_id = $1', [user.id]), 1);
  });

  test('the list carries the products, in one call per page; a product no longer sold shows as null', async () => {
    const gone = randomUUID();
    await t.db.query('INSERT INTO favorites (user_id, product_id) VALUES ($1, $2)', [user.id, gone]);
    calls.length = 0;
    const page = (await list(t, user)).json();
    assert.equal(calls.length, 1);
    const byId = Object.fromEntries(page.items.map((f: { productId: string }) => [f.productId, f]));
    assert.equal(byId[active].product.name, 'Lamp');
    assert.equal(byId[active].product.price, 4900);
    assert.equal(byId[gone].product, null);
  });

  test('when products is down: adding answers 503, the list still answers without products', async () => {
    await products.close();
    const added = await put(t, user, randomUUID());
    assert.equal(added.statusCode, 503);
    assert.equal(added.json().code, 'service_unavailable');
    const page = await list(t, user);
    assert.equal(page.statusCode, 200);
    assert.ok(page.json().items.length >= 1);
    assert.ok(page.json().items.every((f: object) => !('product' in f)));
    assert.equal((await put(t, user, active)).statusCode, 204, 'an existing favorite needs no lookup');
  });
});
