import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createCategory, createProduct, outboxEvents } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
let categoryId: string;
before(async () => {
  t = await startProducts();
  categoryId = (await createCategory(t, 'Reviewed')).id;
});
after(() => t.close());

const user = async (name?: string) => {
  const id: string = randomUUID();
  return { id, token: await t.issuer.userToken(id, ['customer'], name) };
};
const post = (productId: string, token: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${productId}/reviews`,
    headers: bearer(token),
    payload,
  });
const summary = async (productId: string) =>
  (await t.app.inject({ url: `/api/v1/products/${productId}` })).json().rating;

describe('writing reviews', () => {
  test('a signed-in user reviews once: 201, the summary follows, review.created.v1 is written', async () => {
    const product = await createProduct(t, { categoryId });
    const ann = await user('Ann Example');
    const response = await post(product.id, ann.token, { rating: 4, title: 'Solid', body: 'Does the job.' });
    assert.equal(response.statusCode, 201, response.body);
    const review = response.json();
    assert.deepEqual(
      { ...review, id: undefined, createdAt: undefined, updatedAt: undefined },
      {
        id: undefined,
        productId: product.id,
        authorName: 'Ann Example',
        mine: true,
        rating: 4,
        title: 'Solid',
        body: 'Does the job.',
        verifiedPurchase: false,
        helpfulCount: 0,
        createdAt: undefined,
        updatedAt: undefined,
      },
    );
    assert.deepEqual(await summary(product.id), {
      average: 4,
      count: 1,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 },
    });
    const events = (await outboxEvents(t, product.id)).filter((e) => e.type.startsWith('review.'));
    assert.deepEqual(events, [
      {
        type: 'review.created.v1',
        aggregateId: product.id,
        payload: { reviewId: review.id, productId: product.id, userId: ann.id, rating: 4 },
      },
    ]);

    const second = await post(product.id, ann.token, { rating: 1, title: 'Again', body: 'Second try.' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'review_exists');
    assert.equal(second.json().reviewId, review.id);
    assert.equal((await summary(product.id)).count, 1);
  });

  test('without a name claim the author is "Customer"; anonymous writers are refused', async () => {
    const product = await createProduct(t, { categoryId });
    const nameless = await user();
    const response = await post(product.id, nameless.token, { rating: 5, title: 'Great', body: 'Love it.' });
    assert.equal(response.json().authorName, 'Customer');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/reviews`,
      payload: { rating: 5, title: 'x', body: 'y' },
    });
    assert.equal(anonymous.statusCode, 401);
  });

  test('bad reviews are 400s naming the field; drafts cannot be reviewed', async () => {
    const product = await createProduct(t, { categoryId });
    const writer = await user('W');
    const cases: [object, string][] = [
      [{ rating: 6, title: 't', body: 'b' }, 'body.rating'],
      [{ rating: 0, title: 't', body: 'b' }, 'body.rating'],
      [{ rating: 3, title: '', body: 'b' }, 'body.title'],
      [{ rating: 3, title: 't', body: 'b'.repeat(5001) }, 'body.body'],
      [{ rating: 3, title: 't', body: 'b', stars: 2 }, 'body.stars'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(product.id, writer.token, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload).slice(0, 80));
      assert.equal(response.json().errors[0].field, field);
    }
    const draft = await createProduct(t, { categoryId, status: 'draft' });
    assert.equal((await post(draft.id, writer.token, { rating: 3, title: 't', body: 'b' })).statusCode, 404);
    const { rowCount } = await t.db.query('SELECT 1 FROM reviews WHERE user_id = $1', [writer.id]);
    assert.equal(rowCount, 0);
  });
});

describe('changing reviews', () => {
  test('the author edits; the summary moves the review between buckets; others get 403', async () => {
    const product = await createProduct(t, { categoryId });
    const author = await user('Author');
    const other = await user('Other');
    const review = (
      await post(product.id, author.token, { rating: 2, title: 'Meh', body: 'Not great.' })
    ).json();
    const url = `/api/v1/reviews/${review.id}`;

    const edited = await t.app.inject({
      method: 'PATCH',
      url,
      headers: bearer(author.token),
      payload: { rating: 5 },
    });
    assert.equal(edited.statusCode, 200);
    assert.equal(edited.json().rating, 5);
    assert.equal(edited.json().title, 'Meh');
    assert.deepEqual((await summary(product.id)).histogram, { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 });

    const stranger = await t.app.inject({
      method: 'PATCH',
      url,
      headers: bearer(other.token),
      payload: { rating: 1 },
    });
    assert.equal(stranger.statusCode, 403);
    const adminEdit = await t.app.inject({
      method: 'PATCH',
      url,
      headers: bearer(t.adminToken),
      payload: { rating: 1 },
    });
    assert.equal(adminEdit.statusCode, 403, 'admins moderate by deleting, not by rewriting');
    const { rows } = await t.db.query('SELECT rating FROM reviews WHERE id = $1', [review.id]);
    assert.equal(rows[0].rating, 5);
  });

  test('the author or an admin deletes; the summary drops it; review.deleted.v1 is written', async () => {
    const product = await createProduct(t, { categoryId });
    const [a, b] = [await user('A'), await user('B')];
    const first = (await post(product.id, a.token, { rating: 5, title: 'Yes', body: 'Yes.' })).json();
    const second = (await post(product.id, b.token, { rating: 1, title: 'No', body: 'No.' })).json();

    const byStranger = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reviews/${first.id}`,
      headers: bearer(b.token),
    });
    assert.equal(byStranger.statusCode, 403);
    const byAuthor = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reviews/${first.id}`,
      headers: bearer(a.token),
    });
    assert.equal(byAuthor.statusCode, 204);
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reviews/${second.id}`,
      headers: bearer(t.adminToken),
    });
    assert.equal(byAdmin.statusCode, 204);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/reviews/${second.id}`,
      headers: bearer(b.token),
    });
    assert.equal(gone.statusCode, 404);

    assert.deepEqual(await summary(product.id), {
      average: 0,
      count: 0,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
    const deleted = (await outboxEvents(t, product.id)).filter((e) => e.type === 'review.deleted.v1');
    assert.deepEqual(
      deleted.map((e) => e.payload),
      [
        { reviewId: first.id, productId: product.id, userId: a.id },
        { reviewId: second.id, productId: product.id, userId: b.id },
      ],
    );
  });

  test('helpful once per user; never for your own review', async () => {
    const product = await createProduct(t, { categoryId });
    const [author, fan] = [await user('Author'), await user('Fan')];
    const review = (await post(product.id, author.token, { rating: 4, title: 'Good', body: 'Good.' })).json();
    const url = `/api/v1/reviews/${review.id}/helpful`;
    for (let i = 0; i < 2; i++) {
      const vote = await t.app.inject({ method: 'POST', url, headers: bearer(fan.token) });
      assert.equal(vote.statusCode, 200);
      assert.deepEqual(vote.json(), { reviewId: review.id, helpfulCount: 1 });
    }
    const own = await t.app.inject({ method: 'POST', url, headers: bearer(author.token) });
    assert.equal(own.statusCode, 403);
    const { rows } = await t.db.query('SELECT helpful_count FROM reviews WHERE id = $1', [review.id]);
    assert.equal(rows[0].helpful_count, 1);
  });
});

describe('listing reviews', () => {
  test('sorted newest, highest, lowest or most helpful, page by page with stable cursors', async () => {
    const product = await createProduct(t, { categoryId });
    const writers = await Promise.all([1, 2, 3, 4, 5].map((n) => user(`Writer ${n}`)));
    const ids: string[] = [];
    for (const [i, writer] of writers.entries()) {
      const rating = [3, 5, 1, 4, 2][i]!;
      ids.push(
        (await post(product.id, writer.token, { rating, title: `R${rating}`, body: 'Text.' })).json().id,
      );
    }
    const voter = await user('Voter');
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reviews/${ids[2]}/helpful`,
      headers: bearer(voter.token),
    });

    const all = async (sort: string) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.app.inject({ url: `/api/v1/products/${product.id}/reviews?${query}` });
        assert.equal(page.statusCode, 200, page.body);
        titles.push(...page.json().items.map((r: { title: string }) => r.title));
        cursor = page.json().nextCursor;
      } while (cursor);
      return titles;
    };
    assert.deepEqual(await all('newest'), ['R2', 'R4', 'R1', 'R5', 'R3']);
    assert.deepEqual(await all('highest'), ['R5', 'R4', 'R3', 'R2', 'R1']);
    assert.deepEqual(await all('lowest'), ['R1', 'R2', 'R3', 'R4', 'R5']);
    assert.equal((await all('helpful'))[0], 'R1');

    const tampered = await t.app.inject({ url: `/api/v1/products/${product.id}/reviews?cursor=bm9wZQ` });
    assert.equal(tampered.statusCode, 400);
    assert.equal(tampered.json().errors[0].field, 'query.cursor');
    const otherSort = await t.app.inject({
      url: `/api/v1/products/${product.id}/reviews?sort=newest&limit=1`,
    });
    const mixed = await t.app.inject({
      url: `/api/v1/products/${product.id}/reviews?sort=highest&cursor=${otherSort.json().nextCursor}`,
    });
    assert.equal(mixed.statusCode, 400, 'a cursor of another sort is refused');
    // The newest sort's time key, ±31,700 years away: a 400, not a failed query.
    const [, id] = JSON.parse(Buffer.from(otherSort.json().nextCursor, 'base64url').toString()).k;
    for (const micros of ['-999999999999999999', '999999999999999999']) {
      const far = Buffer.from(JSON.stringify({ s: 'newest', k: [micros, id] })).toString('base64url');
      const answer = await t.app.inject({ url: `/api/v1/products/${product.id}/reviews?cursor=${far}` });
      assert.equal(answer.statusCode, 400, micros);
      assert.equal(answer.json().errors[0].field, 'query.cursor');
    }
  });

  test('reviews of a draft are hidden from customers', async () => {
    const draft = await createProduct(t, { categoryId, status: 'draft' });
    assert.equal((await t.app.inject({ url: `/api/v1/products/${draft.id}/reviews` })).statusCode, 404);
    const admin = await t.app.inject({
      url: `/api/v1/products/${draft.id}/reviews`,
      headers: bearer(t.adminToken),
    });
    assert.equal(admin.statusCode, 200);
  });

  test("answers name the author only, never a user id; mine marks the caller's own review", async () => {
    const product = await createProduct(t, { categoryId });
    const ann = await user('Ann Example');
    const bob = await user('Bob Example');
    const written = await post(product.id, ann.token, { rating: 5, title: 'Mine', body: 'By Ann.' });
    assert.equal(written.statusCode, 201, written.body);
    await post(product.id, bob.token, { rating: 3, title: 'Theirs', body: 'By Bob.' });
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/reviews/${written.json().id}`,
      headers: bearer(ann.token),
      payload: { title: 'Still mine' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().mine, true);

    const listed = async (headers: Record<string, string>) => {
      const answer = await t.app.inject({ url: `/api/v1/products/${product.id}/reviews`, headers });
      assert.equal(answer.statusCode, 200, answer.body);
      return answer;
    };
    for (const [who, headers] of [
      ['anonymous', {}],
      ['ann', bearer(ann.token)],
      ['an admin', bearer(t.adminToken)],
    ] as const) {
      const answer = await listed(headers);
      for (const id of [ann.id, bob.id]) assert.ok(!answer.body.includes(id), `${who} sees no author id`);
      for (const review of answer.json().items) {
        assert.deepEqual(
          Object.keys(review).filter((key) => /user|author/i.test(key)),
          ['authorName'],
          `${who}: the author is a name only`,
        );
      }
    }
    for (const review of [written, edited]) assert.ok(!review.body.includes(ann.id), 'no id to the author');
    const mine = (answer: { json(): { items: { title: string; mine: boolean }[] } }) =>
      Object.fromEntries(answer.json().items.map((r) => [r.title, r.mine]));
    assert.deepEqual(mine(await listed({})), { 'Still mine': false, Theirs: false });
    assert.deepEqual(mine(await listed(bearer(ann.token))), { 'Still mine': true, Theirs: false });
    assert.deepEqual(mine(await listed(bearer(bob.token))), { 'Still mine': false, Theirs: true });

    const openapi = (await t.app.inject({ url: '/openapi.json' })).json();
    const schema = JSON.stringify(openapi.paths['/api/v1/products/{id}/reviews'].get.responses['200']);
    assert.ok(!schema.includes('userId'), 'the documented answer has no userId');
    assert.ok(schema.includes('"mine"'), 'the documented answer has mine');
  });
});
