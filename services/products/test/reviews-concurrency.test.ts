import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createCategory, createProduct } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
before(async () => {
  t = await startProducts();
});
after(() => t.close());

test('concurrent writes, edits and deletes keep the rating summary exactly equal to the reviews', async () => {
  const categoryId = (await createCategory(t, 'Rated')).id;
  const product = await createProduct(t, { categoryId });
  const writers = await Promise.all(
    Array.from({ length: 60 }, async (_, i) => {
      const id: string = randomUUID();
      return { id, i, token: await t.issuer.userToken(id, ['customer'], `User ${i}`) };
    }),
  );
  const post = (token: string, rating: number) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/reviews`,
      headers: bearer(token),
      payload: { rating, title: 'Concurrent', body: 'Written at the same time as the others.' },
    });

  // Every writer posts twice at once (one must lose), with ratings spread over 1..5.
  const created = await Promise.all(writers.flatMap((w) => [post(w.token, (w.i % 5) + 1), post(w.token, 5)]));
  assert.equal(created.filter((r) => r.statusCode === 201).length, 60);
  assert.equal(created.filter((r) => r.statusCode === 409).length, 60);

  // Answers show no author id: each writer's two posts are answers 2i and 2i + 1.
  const reviews = created
    .map((r, n) => ({ r, writer: writers[Math.floor(n / 2)]! }))
    .filter(({ r }) => r.statusCode === 201)
    .map(({ r, writer }) => ({ id: (r.json() as { id: string }).id, token: writer.token }));
  // Then, all at once: a third of them change their rating, a third delete, twice each.
  await Promise.all(
    reviews.flatMap((review, i) => {
      const headers = bearer(review.token);
      const url = `/api/v1/reviews/${review.id}`;
      if (i % 3 === 0) {
        return [1, 2].map((rating) => t.app.inject({ method: 'PATCH', url, headers, payload: { rating } }));
      }
      if (i % 3 === 1) return [1, 2].map(() => t.app.inject({ method: 'DELETE', url, headers }));
      return [];
    }),
  );

  const { rows } = await t.db.query(
    `SELECT s.stars_1, s.stars_2, s.stars_3, s.stars_4, s.stars_5, s.review_count, s.average,
            (SELECT count(*)::int FROM reviews r WHERE r.product_id = s.product_id) AS actual_count,
            (SELECT coalesce(round(avg(rating), 2), 0) FROM reviews r WHERE r.product_id = s.product_id) AS actual_average,
            (SELECT array_agg(n ORDER BY star) FROM (
               SELECT star, (SELECT count(*) FROM reviews r WHERE r.product_id = s.product_id AND r.rating = star)::int AS n
               FROM generate_series(1, 5) AS star) h) AS actual_histogram
     FROM rating_summaries s WHERE s.product_id = $1`,
    [product.id],
  );
  const row = rows[0];
  assert.equal(row.review_count, 40);
  assert.equal(row.actual_count, 40);
  assert.deepEqual([row.stars_1, row.stars_2, row.stars_3, row.stars_4, row.stars_5], row.actual_histogram);
  assert.equal(row.average, row.actual_average);
  const api = (await t.app.inject({ url: `/api/v1/products/${product.id}` })).json().rating;
  assert.deepEqual(api, {
    average: row.actual_average,
    count: 40,
    histogram: Object.fromEntries(row.actual_histogram.map((n: number, i: number) => [String(i + 1), n])),
  });
});
