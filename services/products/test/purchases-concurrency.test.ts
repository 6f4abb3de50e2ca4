import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createCategory, createCustomer, createProduct } from './support/catalog-fixtures.js';
import { deliver, orderEvents } from './support/order-events.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
before(async () => {
  t = await startProducts();
});
after(() => t.close());

const post = (productId: string, token: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${productId}/reviews`,
    headers: bearer(token),
    payload: { rating: 4, title: 'Racing', body: 'Written while the payment lands.' },
  });

test('reviews written while their purchase, its revocation or the erasure commit end right', async () => {
  const product = (await createProduct(t, { categoryId: (await createCategory(t, 'Racing')).id })).id;
  const shoppers = await Promise.all(Array.from({ length: 45 }, () => createCustomer(t, 'Racer')));
  // A third buy while reviewing, a third have a paid order cancelled while reviewing, a third
  // delete their account while reviewing: each review and its event run at the same moment.
  await Promise.all(
    shoppers.map(async (shopper, i) => {
      const orderId = `o-${randomUUID()}`;
      if (i % 3 === 1) await deliver(t, orderEvents.paid(orderId, shopper.id, [product]));
      const event =
        i % 3 === 0
          ? orderEvents.paid(orderId, shopper.id, [product])
          : i % 3 === 1
            ? orderEvents.cancelled(orderId, shopper.id)
            : orderEvents.userDeleted(shopper.id);
      await Promise.all([post(product, shopper.token), deliver(t, event)]);
    }),
  );

  const { rows } = await t.db.query<{ user_id: string; verified_purchase: boolean }>(
    'SELECT user_id, verified_purchase FROM reviews WHERE product_id = $1',
    [product],
  );
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  shoppers.forEach((shopper, i) => {
    const review = byUser.get(shopper.id);
    if (i % 3 === 0) assert.equal(review?.verified_purchase, true, `buyer ${i} is verified`);
    if (i % 3 === 1) assert.equal(review?.verified_purchase, false, `buyer ${i} is not verified`);
    if (i % 3 === 2) assert.equal(review, undefined, `review ${i} is anonymised or was refused`);
  });
  const { rows: traces } = await t.db.query(
    `SELECT 1 FROM reviews WHERE author_name = 'Racer' AND user_id = ANY($1::text[])`,
    [shoppers.filter((_, i) => i % 3 === 2).map((s) => s.id)],
  );
  assert.equal(traces.length, 0, 'no deleted account left its name on a review');
});
