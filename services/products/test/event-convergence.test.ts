import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { EventEnvelope } from '@shop/platform';
import { createCategory, createCustomer, createProduct, writeReview } from './support/catalog-fixtures.js';
import { deliver, orderEvents } from './support/order-events.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

/**
 * The same order and account history, applied once in order and then several times shuffled
 * with every event delivered twice (and reviews written at random moments among them): every
 * projection of this service must end the same. Each run has its own products and users, so
 * the snapshots compare by label.
 */
let t: ProductsUnderTest;
before(async () => {
  t = await startProducts();
});
after(() => t.close());

const PRODUCTS = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const USERS = ['ann', 'bob', 'cat'] as const;
type Step = { event: EventEnvelope } | { review: () => Promise<unknown> };

async function world() {
  const run = randomUUID().slice(0, 8);
  const { id: categoryId } = await createCategory(t, `Run ${run}`);
  const products: Record<string, string> = {};
  for (const label of PRODUCTS) products[label] = (await createProduct(t, { categoryId, name: label })).id;
  const users: Record<string, { id: string; token: string }> = {};
  for (const label of USERS) users[label] = await createCustomer(t, label);
  return { run, products, users };
}
type World = Awaited<ReturnType<typeof world>>;

/** What happens, in its real order: reviews and votes that come first, then the rest. */
async function history(w: World) {
  const { products: p, users: u } = w;
  const order = (label: string) => `${w.run}-${label}`;
  const ids = (...labels: (typeof PRODUCTS)[number][]) => labels.map((label) => p[label]!);
  // Written before anything is bought (cat cannot write after deleting the account).
  const annP1 = await writeReview(t, p.P1!, u.ann!.token, 5);
  await writeReview(t, p.P1!, u.cat!.token, 3);
  await writeReview(t, p.P4!, u.bob!.token, 2);
  const voted = await t.app.inject({
    method: 'POST',
    url: `/api/v1/reviews/${annP1.id}/helpful`,
    headers: bearer(u.cat!.token),
  });
  assert.equal(voted.statusCode, 200);

  const republished = orderEvents.paid(order('o6'), u.ann!.id, ids('P5'));
  const events = [
    orderEvents.paid(order('o1'), u.ann!.id, ids('P1', 'P2'), 1),
    orderEvents.delivered(order('o1'), u.ann!.id, ids('P1', 'P2'), 40),
    orderEvents.paid(order('o2'), u.bob!.id, ids('P1', 'P2', 'P3'), 2),
    orderEvents.paid(order('o3'), u.bob!.id, ids('P3', 'P4'), 3),
    orderEvents.cancelled(order('o3'), u.bob!.id),
    orderEvents.refunded(order('o3'), u.bob!.id),
    orderEvents.paid(order('o4'), u.cat!.id, ids('P1', 'P3'), 4),
    orderEvents.delivered(order('o4'), u.cat!.id, ids('P1', 'P3'), 41),
    orderEvents.cancelled(order('o5'), u.ann!.id),
    orderEvents.userDeleted(u.cat!.id),
    republished,
    { ...republished, id: randomUUID() }, // the producer published the same fact twice
    orderEvents.paid(order('o7'), u.bob!.id, ids('P1', 'P2'), 5),
  ];
  const reviews = [
    () => writeReview(t, p.P4!, u.ann!.token, 4),
    () => writeReview(t, p.P3!, u.bob!.token, 4),
  ];
  return { events, reviews };
}

async function snapshot(w: World) {
  const product = new Map(Object.entries(w.products).map(([label, id]) => [id, label]));
  const user = new Map(Object.entries(w.users).map(([label, { id }]) => [id, label]));
  const who = (id: string) => user.get(id) ?? (id.startsWith('former-customer:') ? 'former customer' : id);
  const ids = Object.values(w.products);
  const rows = async (sql: string, params: unknown[] = [ids]) => (await t.db.query(sql, params)).rows;
  const sorted = (lines: string[]) => lines.sort();

  const reviews = await rows(
    `SELECT product_id, user_id, author_name, rating, verified_purchase, helpful_count
     FROM reviews WHERE product_id = ANY($1::uuid[])`,
  );
  const votes = await rows(
    `SELECT r.product_id, r.user_id AS author, v.user_id AS voter
     FROM review_votes v JOIN reviews r ON r.id = v.review_id WHERE r.product_id = ANY($1::uuid[])`,
  );
  const purchases = await rows('SELECT * FROM purchases WHERE product_id = ANY($1::uuid[])');
  const orders = await rows('SELECT * FROM purchase_orders WHERE order_id LIKE $1', [`${w.run}-%`]);
  const pairs = await rows('SELECT * FROM co_purchases WHERE product_id = ANY($1::uuid[])');
  const forgotten = await rows('SELECT user_id FROM forgotten_users WHERE user_id = ANY($1::text[])', [
    [...user.keys()],
  ]);
  const related: Record<string, string[]> = {};
  const ratings: Record<string, unknown> = {};
  for (const [label, id] of Object.entries(w.products)) {
    const answer = await t.app.inject({ url: `/api/v1/products/${id}/related?limit=2` });
    related[label] = answer.json().items.map((item: { id: string }) => product.get(item.id) ?? item.id);
    ratings[label] = (await t.app.inject({ url: `/api/v1/products/${id}` })).json().rating.histogram;
  }
  return {
    reviews: sorted(
      reviews.map(
        (r) =>
          `${product.get(r.product_id)} by ${who(r.user_id)} (${r.author_name}): ${r.rating}★` +
          `${r.verified_purchase ? ' verified' : ''}, ${r.helpful_count} helpful`,
      ),
    ),
    votes: sorted(votes.map((v) => `${who(v.voter)} → ${product.get(v.product_id)} by ${who(v.author)}`)),
    purchases: sorted(
      purchases.map(
        (r) =>
          `${who(r.user_id)} ${product.get(r.product_id)} ${r.order_id.slice(w.run.length + 1)} ` +
          r.purchased_at.toISOString().slice(11, 16),
      ),
    ),
    orders: sorted(
      orders.map(
        (o) =>
          `${o.order_id.slice(w.run.length + 1)} [${sorted(o.product_ids.map((id: string) => product.get(id)))}]` +
          `${o.bought ? ' bought' : ''}${o.revoked ? ' revoked' : ''}`,
      ),
    ),
    pairs: sorted(pairs.map((r) => `${product.get(r.product_id)}+${product.get(r.related_id)}: ${r.orders}`)),
    forgotten: forgotten.map((r) => who(r.user_id)),
    related,
    ratings,
  };
}

/** A small seeded generator, so a failing order can be replayed. */
function randomness(seed: number) {
  let state = seed;
  const below = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * n);
  };
  const shuffle = <T>(items: T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = below(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { below, shuffle };
}

async function play(steps: Step[]) {
  for (const step of steps) {
    if ('event' in step) await deliver(t, step.event);
    else await step.review();
  }
}

let expected: Awaited<ReturnType<typeof snapshot>>;

test('in order, each event once: the projections say what happened', async () => {
  const w = await world();
  const { events, reviews } = await history(w);
  await play([...events.map((event) => ({ event })), ...reviews.map((review) => ({ review }))]);
  expected = await snapshot(w);
  assert.deepEqual(expected, {
    reviews: [
      'P1 by ann (ann): 5★ verified, 1 helpful',
      'P1 by former customer (Former customer): 3★, 0 helpful',
      'P3 by bob (bob): 4★ verified, 0 helpful',
      'P4 by ann (ann): 4★, 0 helpful',
      'P4 by bob (bob): 2★, 0 helpful',
    ],
    votes: ['former customer → P1 by ann'],
    purchases: [
      'ann P1 o1 12:01',
      'ann P2 o1 12:01',
      'ann P5 o6 12:00',
      'bob P1 o2 12:02',
      'bob P1 o7 12:05',
      'bob P2 o2 12:02',
      'bob P2 o7 12:05',
      'bob P3 o2 12:02',
    ],
    orders: [
      'o1 [P1,P2] bought',
      'o2 [P1,P2,P3] bought',
      'o3 [P3,P4] bought revoked',
      'o4 [P1,P3] bought',
      'o5 [] revoked',
      'o6 [P5] bought',
      'o7 [P1,P2] bought',
    ],
    pairs: ['P1+P2: 3', 'P1+P3: 2', 'P2+P1: 3', 'P2+P3: 1', 'P3+P1: 2', 'P3+P2: 1'],
    forgotten: ['cat'],
    related: { P1: ['P2', 'P3'], P2: ['P1', 'P3'], P3: ['P1', 'P2'], P4: ['P1', 'P3'], P5: ['P1', 'P3'] },
    ratings: {
      P1: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 },
      P2: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      P3: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 },
      P4: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 },
      P5: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    },
  });
});

for (const seed of [7, 42, 2025]) {
  test(`shuffled (seed ${seed}), every event twice, reviews in between: the same end state`, async () => {
    const w = await world();
    const { events, reviews } = await history(w);
    const { below, shuffle } = randomness(seed);
    const steps: Step[] = shuffle([...events, ...events]).map((event) => ({ event }));
    for (const review of reviews) steps.splice(below(steps.length + 1), 0, { review });
    await play(steps);
    assert.deepEqual(await snapshot(w), expected);
  });
}
