import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import pino from 'pino';
import type { Recommendation } from '../src/domain/recommendations.js';
import {
  orderPaid,
  productCreated,
  retold,
  reviewCreated,
  reviewDeleted,
  type Line,
} from './support/event-factory.js';
import {
  ProductsAdmin,
  sharedSigningKey,
  startProductsService,
  type CreatedProduct,
  type ProductsService,
} from './products-service.js';
import {
  count,
  login,
  signUp,
  signUpAs,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const log = pino({ level: 'silent' });
const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/**
 * A small shop: the real products service (its own process and database) holds the catalog;
 * two user services learn the same purchase history from events, `once` each event once and in
 * order, `twice` each fact twice (two event ids) in a shuffled order. Both must recommend the
 * same, and the expected items must rank first.
 */
describe('recommendations from a purchase history', () => {
  let keys: Awaited<ReturnType<typeof sharedSigningKey>>;
  let productsBus: TestDatabase;
  let products: ProductsService;
  let once: UsersUnderTest;
  let twice: UsersUnderTest;
  const publishers: PgBossBus[] = [];
  const p: Record<string, CreatedProduct> = {};
  const shoppers: Record<string, SignedUp> = {};
  let history: EventEnvelope[] = [];

  const recommendations = async (t: UsersUnderTest, who: SignedUp, query = '') => {
    // The same account on both services, signed in on each.
    const tokens = t === once ? who : await login(t, who.email, who.password);
    return t.app.inject({
      method: 'GET',
      url: `/api/v1/users/me/recommendations${query}`,
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
  };
  const itemsFor = async (t: UsersUnderTest, who: SignedUp, query = '') => {
    const response = await recommendations(t, who, query);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<{ items: Recommendation[] }>().items;
  };
  const line = (name: string): Line => ({
    productId: p[name]!.id,
    name: p[name]!.name,
    price: p[name]!.price,
  });

  before(async () => {
    keys = await sharedSigningKey();
    productsBus = await createTestDatabase('products_bus');
    products = await startProductsService({ busUrl: productsBus.url, jwksUrl: keys.jwksUrl });
    const env = { PRODUCTS_URL: products.url, ...keys.usersEnv };
    once = await startUsers({ withBus: true, env, overrides: { clock: () => NOW } });
    twice = await startUsers({ withBus: true, env, overrides: { clock: () => NOW } });
    for (const t of [once, twice]) {
      const bus = new PgBossBus({ connectionString: t.config.BUS_URL, log });
      await bus.start();
      publishers.push(bus);
    }

    const admin = await signUpAs(once, ['admin']);
    const catalog = new ProductsAdmin(products.url, () => admin.accessToken);
    const kitchen = await catalog.category('Kitchen');
    const tea = await catalog.category('Tea');
    const garden = await catalog.category('Garden');
    const stocked = (name: string, categoryId: string, brand: string, price = 1000) =>
      catalog.product({ name, categoryId, brand, price, stock: 50 });
    p.kettle = await stocked('Kettle', kitchen, 'Steamy', 3900);
    p.teapot = await stocked('Teapot', tea, 'Leafy', 2500);
    p.leaves = await stocked('Tea leaves', tea, 'Leafy', 900);
    p.mug = await stocked('Mug', kitchen, 'Steamy', 700);
    p.matcha = await stocked('Matcha', tea, 'Green Co', 1500);
    p.hose = await stocked('Hose', garden, 'Gardena', 2900);
    p.rake = await stocked('Rake', garden, 'Gardena', 1900);
    p.soldOut = await catalog.product({ name: 'Sold-out cosy', categoryId: tea, brand: 'Leafy', stock: 0 });
    p.archived = await stocked('Retired teapot', tea, 'Leafy');

    for (const name of [
      'alice',
      'bob',
      'carol',
      'dave',
      'erin',
      'frank',
      'gina',
      'hank',
      'me',
      'ivy',
      'newbie',
    ]) {
      shoppers[name] = await signUp(once, { name });
    }
    // The same accounts on the second service (copied rows: setup, not the feature).
    const { rows } = await once.db.query('SELECT id, email, name, password_hash, email_verified FROM users');
    for (const row of rows) {
      await twice.db.query(
        'INSERT INTO users (id, email, name, password_hash, email_verified) VALUES ($1, $2, $3, $4, $5)',
        [row.id, row.email, row.name, row.password_hash, row.email_verified],
      );
    }

    const s = (name: string) => shoppers[name]!.id;
    const ivysRemovedReview = reviewCreated(s('ivy'), p.matcha!.id, 1);
    history = [
      // Half the catalog is told by events; the rest is learnt from the batch lookup.
      ...['kettle', 'teapot', 'leaves', 'soldOut', 'archived'].map((name) => productCreated(p[name]!)),
      orderPaid(s('alice'), [line('kettle'), line('teapot')], daysAgo(10)),
      orderPaid(s('bob'), [line('kettle'), line('teapot'), line('leaves')], daysAgo(20)),
      orderPaid(s('carol'), [line('kettle'), line('teapot')], daysAgo(5)),
      orderPaid(s('carol'), [line('mug')], daysAgo(3)),
      orderPaid(s('dave'), [line('kettle'), line('soldOut')], daysAgo(2)),
      orderPaid(s('erin'), [line('kettle'), line('archived')], daysAgo(2)),
      orderPaid(s('frank'), [line('kettle'), line('archived'), line('soldOut')], daysAgo(1)),
      orderPaid(s('gina'), [line('hose'), line('rake')], daysAgo(1)),
      orderPaid(s('hank'), [line('hose'), line('matcha')], daysAgo(1)),
      orderPaid(s('me'), [line('kettle')], daysAgo(30)),
      reviewCreated(s('ivy'), p.leaves!.id, 5),
      ivysRemovedReview,
      reviewDeleted(s('ivy'), p.matcha!.id, ivysRemovedReview.payload.reviewId),
    ];
    await publishers[0]!.publish(history);
    await waitForAll(once, history);

    // Each fact twice under two ids (and the same id twice), shuffled, a deletion before its creation.
    const doubled = shuffled([...history, ...history.map(retold)], 42);
    const deletions = doubled.filter((e) => e.type === 'review.deleted.v1');
    const rest = doubled.filter((e) => e.type !== 'review.deleted.v1');
    await publishers[1]!.publish(deletions);
    await waitForAll(twice, deletions);
    for (const event of rest) await publishers[1]!.publish([event, event]);
    await waitForAll(twice, doubled);
    // The archived product leaves the shop after it sold; the model only hears it from the lookup.
    await catalog.archive(p.archived!.id);
  });

  after(async () => {
    await Promise.allSettled(publishers.map((bus) => bus.stop()));
    await Promise.allSettled([once?.close(), twice?.close()]);
    await products?.stop();
    await productsBus?.drop();
    await keys?.close();
  });

  test('both services hold the same model, whatever the duplicates and the order', async () => {
    const tables = [
      'SELECT order_id, product_id, user_id, quantity, paid_at FROM purchases ORDER BY 1, 2',
      'SELECT product_id, related_id, score::text FROM item_pairs ORDER BY 1, 2',
      'SELECT review_id, user_id, product_id, rating, reviewed_at, deleted FROM review_signals ORDER BY 1',
      'SELECT product_id, name, category_id, brand, status, version, popularity::text FROM catalog_products ORDER BY 1',
    ];
    for (const sql of tables) {
      const [a, b] = await Promise.all([once.db.query(sql), twice.db.query(sql)]);
      assert.ok(a.rows.length > 0, sql);
      assert.deepEqual(b.rows, a.rows, sql);
    }
    assert.equal(await count(once, 'SELECT 1 FROM purchases'), 20, 'one row per paid line');
    assert.equal(
      await count(once, 'SELECT 1 FROM review_signals WHERE deleted'),
      1,
      'the deleted review stays a tombstone',
    );
  });

  test('both services recommend exactly the same to everyone', async () => {
    // The first answers teach both services the products no event told about (after answering).
    for (const t of [once, twice]) for (const who of Object.values(shoppers)) await itemsFor(t, who);
    const known =
      'SELECT product_id, name, category_id, brand, status, version FROM catalog_products ORDER BY 1';
    await waitFor(async () => {
      const [a, b] = await Promise.all([once.db.query(known), twice.db.query(known)]);
      assert.equal(a.rows.length, Object.keys(p).length, 'every product known');
      assert.deepEqual(b.rows, a.rows, 'both learnt the same');
    });
    for (const [name, who] of Object.entries(shoppers)) {
      assert.deepEqual(
        await itemsFor(twice, who, '?limit=20'),
        await itemsFor(once, who, '?limit=20'),
        `${name}'s recommendations`,
      );
    }
  });

  test('customers who bought what I bought: the expected items first, never what I bought, sold out or archived', async () => {
    const items = await itemsFor(once, shoppers.me!);
    const ids = items.map((i) => i.id);
    assert.deepEqual(ids.slice(0, 3), [p.teapot!.id, p.mug!.id, p.leaves!.id]);
    assert.equal(items[0]!.reason, 'Because you bought Kettle');
    assert.deepEqual(items[0], {
      id: p.teapot!.id,
      name: 'Teapot',
      price: 2500,
      currency: 'EUR',
      image: null,
      rating: { average: 0, count: 0 },
      inStock: true,
      reason: 'Because you bought Kettle',
    });
    for (const excluded of ['kettle', 'soldOut', 'archived']) {
      assert.ok(!ids.includes(p[excluded]!.id), `${excluded} is not recommended`);
    }
    assert.ok(
      items.every((i) => i.inStock),
      'only products in stock',
    );
  });

  test('a co-purchase weighs more the more recent it is (half-life 60 days)', async () => {
    const score = async (a: string, b: string) => {
      const { rows } = await once.db.query(
        'SELECT score FROM item_pairs WHERE product_id = $1 AND related_id = $2',
        [p[a]!.id, p[b]!.id],
      );
      return Number(rows[0]!.score);
    };
    // Each pair was bought together once: Kettle + Tea leaves 20 days ago, Hose + Matcha 1 day ago.
    const old = await score('kettle', 'leaves');
    const recent = await score('hose', 'matcha');
    assert.ok(recent > old, `recent ${recent} > old ${old}`);
    assert.ok(Math.abs(old / recent - 0.5 ** (19 / 60)) < 1e-6, `19 days apart: ${old / recent}`);
  });

  test('everyone gets recommendations without what they bought recently, sold-out or archived products', async () => {
    for (const [name, who] of Object.entries(shoppers)) {
      const items = await itemsFor(once, who, '?limit=50');
      const { rows } = await once.db.query<{ product_id: string }>(
        `SELECT product_id FROM purchases WHERE user_id = $1 AND paid_at > now() - interval '90 days'`,
        [who.id],
      );
      const never = new Set([...rows.map((r) => r.product_id), p.soldOut!.id, p.archived!.id]);
      assert.ok(
        items.every((i) => !never.has(i.id)),
        `${name}: nothing bought recently, sold out or archived`,
      );
      assert.equal(new Set(items.map((i) => i.id)).size, items.length, `${name}: no duplicates`);
    }
  });

  test('reasons: a new customer gets the best sellers; taste shows as category and co-purchases', async () => {
    const newbie = await itemsFor(once, shoppers.newbie!, '?limit=3');
    assert.deepEqual(
      newbie.map((i) => [i.name, i.reason]),
      [
        ['Kettle', 'Popular right now'],
        ['Teapot', 'Popular right now'],
        ['Hose', 'Popular right now'],
      ],
    );
    // Ivy rated the tea leaves 5/5 (her 1-star review of the matcha was deleted).
    const ivy = await itemsFor(once, shoppers.ivy!);
    const reasons = Object.fromEntries(ivy.map((i) => [i.name, i.reason]));
    assert.equal(ivy[0]!.name, 'Teapot');
    assert.equal(reasons.Teapot, 'Because you rated Tea leaves 5/5');
    assert.match(reasons.Matcha ?? '', /^Popular in Tea /);
    assert.ok(!('Tea leaves' in reasons), 'not the product she reviewed');
    // Gina bought the hose and the rake: the matcha sells with the hose.
    const gina = await itemsFor(once, shoppers.gina!);
    assert.deepEqual(gina[0], { ...gina[0], name: 'Matcha', reason: 'Because you bought Hose' });
  });

  test('a favorite counts as taste, and is not proposed itself', async () => {
    const fan = await signUp(once);
    const put = await once.app.inject({
      method: 'PUT',
      url: `/api/v1/users/me/favorites/${p.hose!.id}`,
      headers: fan.auth,
    });
    assert.equal(put.statusCode, 204);
    const items = await itemsFor(once, fan);
    assert.ok(!items.some((i) => i.id === p.hose!.id), 'the favorite itself is not proposed');
    assert.equal(items[0]!.reason, 'Because you favorited Hose');
  });

  test('products no event told about are learnt from the lookup (name, category, brand)', async () => {
    await itemsFor(once, shoppers.gina!);
    await waitFor(async () => {
      const { rows } = await once.db.query(
        'SELECT name, category_id, brand, status, version FROM catalog_products WHERE product_id = $1',
        [p.hose!.id],
      );
      assert.deepEqual(
        rows,
        [{ name: 'Hose', category_id: p.hose!.categoryId, brand: 'Gardena', status: 'active', version: 0 }],
        'the hose was filled from the lookup',
      );
    });
  });

  test('limit is bounded; unknown parameters are refused; a token is required', async () => {
    const me = shoppers.me!;
    assert.equal((await itemsFor(once, me, '?limit=1')).length, 1);
    for (const [query, field] of [
      ['?limit=0', 'query.limit'],
      ['?limit=51', 'query.limit'],
      ['?limit=abc', 'query.limit'],
      ['?category=tea', 'query.category'],
    ]) {
      const response = await recommendations(once, me, query);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().errors[0].field, field, query);
    }
    const anonymous = await once.app.inject({ method: 'GET', url: '/api/v1/users/me/recommendations' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('when products cannot be reached the answer is a 503 naming it, not a guess', async () => {
    await products.stop();
    const response = await recommendations(once, shoppers.me!);
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().code, 'service_unavailable');
    assert.match(response.json().detail, /products/);
  });
});

async function waitForAll(t: UsersUnderTest, events: EventEnvelope[]) {
  const ids = [...new Set(events.map((e) => e.id))];
  await waitFor(
    async () => {
      // Every event of the history goes to exactly one of these two subscriptions.
      const handled = await count(
        t,
        `SELECT 1 FROM processed_events WHERE event_id = ANY($1)
           AND consumer IN ('users.recommendation-signals', 'users.product-events')`,
        [ids],
      );
      assert.equal(handled, ids.length, 'every event handled');
    },
    { timeoutMs: 30_000 },
  );
}

/** A shuffle that is the same on every run (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
