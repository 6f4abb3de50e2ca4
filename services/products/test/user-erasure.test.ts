import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { FORMER_CUSTOMER } from '../src/domain/account-erasure.js';
import { USER_ERASURE } from '../src/messaging/user-deleted.consumer.js';
import { createCategory, createCustomer, createProduct, writeReview } from './support/catalog-fixtures.js';
import { deliver, orderEvents, reviewRow } from './support/order-events.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Erasure')).id;
});
after(() => t.close());

const product = async () => (await createProduct(t, { categoryId })).id;
const rating = async (productId: string) =>
  (await t.app.inject({ url: `/api/v1/products/${productId}` })).json().rating;
const vote = (reviewId: string, token: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/reviews/${reviewId}/helpful`, headers: bearer(token) });
/** Every row anywhere in this database that still names the user. */
const traces = async (userId: string) =>
  (
    await t.db.query<{ place: string }>(
      `SELECT 'review' AS place FROM reviews WHERE user_id = $1
       UNION ALL SELECT 'vote' FROM review_votes WHERE user_id = $1
       UNION ALL SELECT 'purchase' FROM purchases WHERE user_id = $1`,
      [userId],
    )
  ).rows.map((r) => r.place);

test('user.deleted anonymises reviews and votes, drops purchases, and leaves every rating as it was', async () => {
  const [first, second] = [await product(), await product()];
  const leaving = await createCustomer(t, 'Lena Leaving');
  const staying = await createCustomer(t, 'Sam Staying');
  await deliver(t, orderEvents.paid(`o-${randomUUID()}`, leaving.id, [first]));
  const reviews = [
    await writeReview(t, first, leaving.token, 5),
    await writeReview(t, second, leaving.token, 2),
  ];
  const theirs = await writeReview(t, first, staying.token, 3);
  assert.equal((await vote(theirs.id, leaving.token)).statusCode, 200);
  assert.equal((await vote(reviews[0]!.id, staying.token)).statusCode, 200);
  const ratingsBefore = [await rating(first), await rating(second)];
  const stayingBefore = await reviewRow(t, theirs.id);
  // The relay has published the first review's event; the second one's is still waiting.
  await t.db.query(
    `UPDATE outbox SET published_at = now() WHERE envelope -> 'payload' ->> 'reviewId' = ANY($1::text[])`,
    [[reviews[0]!.id, theirs.id]],
  );

  const deleted = orderEvents.userDeleted(leaving.id);
  await deliver(t, deleted, deleted, { ...deleted, id: randomUUID() });

  assert.deepEqual([await rating(first), await rating(second)], ratingsBefore);
  assert.deepEqual(await traces(leaving.id), []);
  const [a, b] = [(await reviewRow(t, reviews[0]!.id))!, (await reviewRow(t, reviews[1]!.id))!];
  for (const row of [a, b]) {
    assert.equal(row.author_name, FORMER_CUSTOMER);
    assert.match(row.user_id, /^former-customer:[0-9a-f-]{36}$/);
    assert.equal(row.verified_purchase, false);
  }
  assert.notEqual(a.user_id, b.user_id, 'one pseudonym per review: they cannot be linked together');
  assert.equal(a.helpful_count, 1, 'votes received stay');
  assert.deepEqual(await reviewRow(t, theirs.id), stayingBefore, 'the vote cast stays counted');
  const votes = await t.db.query<{ user_id: string }>(
    'SELECT user_id FROM review_votes WHERE review_id = $1',
    [theirs.id],
  );
  assert.match(votes.rows[0]!.user_id, /^former-customer:/);
  const listed = await t.app.inject({ url: `/api/v1/products/${first}/reviews` });
  assert.ok(!listed.body.includes(leaving.id) && !listed.body.includes('Lena'), 'nothing personal is served');
  const events = await t.db.query<{ review_id: string; published: boolean }>(
    `SELECT envelope -> 'payload' ->> 'reviewId' AS review_id, published_at IS NOT NULL AS published
     FROM outbox WHERE event_type = 'review.created.v1' AND envelope -> 'payload' ->> 'reviewId' = ANY($1::text[])
     ORDER BY id`,
    [[...reviews.map((r) => r.id), theirs.id]],
  );
  assert.deepEqual(
    events.rows,
    [
      { review_id: reviews[1]!.id, published: false },
      { review_id: theirs.id, published: true },
    ],
    'the published event naming the user is gone; the unpublished one is still to be delivered',
  );
  const inbox = await t.db.query('SELECT 1 FROM processed_events WHERE consumer = $1', [USER_ERASURE]);
  assert.equal(inbox.rowCount, 2, 'the redelivery was skipped, the republished event found nothing left');
});

test('after the erasure: late order events store nothing personal, the old token can neither review nor vote', async () => {
  const [item, other] = [await product(), await product()];
  const gone = await createCustomer(t, 'Gone');
  const someone = await createCustomer(t);
  const review = await writeReview(t, other, someone.token);
  await deliver(t, orderEvents.userDeleted(gone.id));
  await deliver(t, orderEvents.paid(`o-${randomUUID()}`, gone.id, [item, other]));

  assert.deepEqual(await traces(gone.id), []);
  const pair = await t.db.query('SELECT orders FROM co_purchases WHERE product_id = $1 AND related_id = $2', [
    item,
    other,
  ]);
  assert.deepEqual(pair.rows, [{ orders: 1 }], '"bought together" still counts the order: it names nobody');

  const write = await t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${item}/reviews`,
    headers: bearer(gone.token),
    payload: { rating: 5, title: 'Still here', body: 'Token still valid.' },
  });
  assert.equal(write.statusCode, 403);
  assert.equal(write.json().code, 'account_deleted');
  const voted = await vote(review.id, gone.token);
  assert.equal(voted.statusCode, 403);
  assert.equal(voted.json().code, 'account_deleted');
  assert.deepEqual(await traces(gone.id), []);
  assert.equal((await reviewRow(t, review.id))!.helpful_count, 0);
});
