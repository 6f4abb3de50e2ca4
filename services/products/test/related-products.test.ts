import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  createCategory,
  createCustomer,
  createProduct,
  setStock,
  writeReview,
} from './support/catalog-fixtures.js';
import { deliver, orderEvents } from './support/order-events.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
before(async () => {
  t = await startProducts();
});
after(() => t.close());

const related = async (productId: string, query = '', headers = {}) =>
  t.app.inject({ url: `/api/v1/products/${productId}/related${query}`, headers });
const relatedIds = async (productId: string, query = '') => {
  const response = await related(productId, query);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json().items as { id: string }[]).map((item) => item.id);
};
const pay = (userId: string, ...productIds: string[]) =>
  orderEvents.paid(`o-${randomUUID()}`, userId, productIds);

describe('bought together', () => {
  test('products bought in the same orders come first, most orders first, as search summaries', async () => {
    const { id: categoryId } = await createCategory(t, 'Cameras');
    const { id: otherCategory } = await createCategory(t, 'Bags');
    const camera = (await createProduct(t, { categoryId, brand: 'Lumix', name: 'Camera' })).id;
    const bag = (await createProduct(t, { categoryId: otherCategory, brand: 'Pack', name: 'Bag' })).id;
    const card = (await createProduct(t, { categoryId: otherCategory, brand: 'Disk', name: 'Card' })).id;
    const lens = (await createProduct(t, { categoryId, brand: 'Lumix', name: 'Lens' })).id;
    await setStock(t, bag, 3);
    const buyer = (await createCustomer(t)).id;
    await deliver(
      t,
      pay(buyer, camera, bag, card),
      pay(buyer, camera, bag),
      pay(buyer, camera, bag),
      pay(buyer, bag, card),
    );

    // bag (3 orders with the camera), card (1); then the fallback: lens, same category and brand.
    const response = await related(camera);
    assert.equal(response.statusCode, 200);
    const items = response.json().items;
    assert.deepEqual(
      items.map((i: { id: string }) => i.id),
      [bag, card, lens],
    );
    const search = (await t.app.inject({ url: '/api/v1/products?q=bag' })).json().items[0];
    assert.deepEqual(items[0], search, 'the same summary as a search result');
    assert.equal(items[0].inStock, true);
    assert.deepEqual(await relatedIds(bag), [camera, card]);
  });

  test('an order counts once however it arrives; a cancelled one stops counting', async () => {
    const { id: categoryId } = await createCategory(t, 'Kitchen');
    const kettle = (await createProduct(t, { categoryId, brand: 'K1' })).id;
    const mug = (await createProduct(t, { categoryId, brand: 'K2' })).id;
    const tea = (await createProduct(t, { categoryId, brand: 'K3' })).id;
    const teapot = (await createProduct(t, { categoryId, brand: 'K4' })).id;
    await writeReview(t, teapot, (await createCustomer(t)).token, 5);
    const buyer = (await createCustomer(t)).id;
    const once = pay(buyer, kettle, mug);
    const { orderId } = once.payload;
    // One order for kettle+mug, delivered four ways; two distinct orders for kettle+tea.
    await deliver(
      t,
      once,
      once,
      { ...once, id: randomUUID() },
      orderEvents.delivered(orderId, buyer, [kettle, mug]),
      pay(buyer, kettle, tea),
      pay(buyer, kettle, tea),
    );
    assert.deepEqual(await relatedIds(kettle, '?limit=3'), [tea, mug, teapot]);
    const counts = await t.db.query(
      'SELECT related_id, orders FROM co_purchases WHERE product_id = $1 ORDER BY orders DESC',
      [kettle],
    );
    assert.deepEqual(counts.rows, [
      { related_id: tea, orders: 2 },
      { related_id: mug, orders: 1 },
    ]);

    await deliver(t, orderEvents.cancelled(orderId, buyer), orderEvents.refunded(orderId, buyer));
    const after = await t.db.query(
      'SELECT orders FROM co_purchases WHERE product_id = $1 AND related_id = $2',
      [mug, kettle],
    );
    assert.deepEqual(after.rows, [], 'no counted order holds the pair any more');
    // The mug now comes from the same-category fallback, after the better-rated teapot.
    assert.deepEqual(await relatedIds(kettle, '?limit=3'), [tea, teapot, mug]);
  });

  test('only active products: drafts and archived ones are left out', async () => {
    const { id: categoryId } = await createCategory(t, 'Garden');
    const [hose, draft, archived] = [
      (await createProduct(t, { categoryId, brand: 'G' })).id,
      (await createProduct(t, { categoryId, brand: 'G', status: 'draft' })).id,
      (await createProduct(t, { categoryId, brand: 'G' })).id,
    ];
    const archive = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/products/${archived}`,
      headers: bearer(t.adminToken),
    });
    assert.equal(archive.statusCode, 204);
    await deliver(t, pay((await createCustomer(t)).id, hose, draft, archived));
    assert.deepEqual(await relatedIds(hose), []);
  });
});

describe('the fallback: same category, then same brand, best-rated first', () => {
  test('ranks by rating like the search rating sort, category before brand, never itself', async () => {
    const { id: categoryId } = await createCategory(t, 'Lamps');
    const { id: elsewhere } = await createCategory(t, 'Chairs');
    const lamp = (await createProduct(t, { categoryId, brand: 'Lux' })).id;
    const good = (await createProduct(t, { categoryId, brand: 'Other' })).id;
    const better = (await createProduct(t, { categoryId, brand: 'Other' })).id;
    const unrated = (await createProduct(t, { categoryId, brand: 'Other' })).id;
    const sameBrand = (await createProduct(t, { categoryId: elsewhere, brand: 'Lux' })).id;
    await createProduct(t, { categoryId: elsewhere, brand: 'Unrelated' });
    for (const [id, rating] of [
      [good, 4],
      [better, 5],
      [sameBrand, 5],
    ] as const) {
      await writeReview(t, id, (await createCustomer(t)).token, rating);
    }
    assert.deepEqual(await relatedIds(lamp), [better, good, unrated, sameBrand]);
    assert.deepEqual(await relatedIds(lamp, '?limit=2'), [better, good]);
  });
});

describe('requests', () => {
  test('limit is capped, unknown parameters are refused, unknown and draft products are 404 to customers', async () => {
    const { id: categoryId } = await createCategory(t, 'Misc');
    const draft = (await createProduct(t, { categoryId, status: 'draft' })).id;
    const active = (await createProduct(t, { categoryId })).id;

    const tooMany = await related(active, '?limit=21');
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.json().errors[0].field, /limit/);
    const unknown = await related(active, '?sort=price');
    assert.equal(unknown.statusCode, 400);
    assert.match(JSON.stringify(unknown.json()), /sort/);
    assert.equal((await related(randomUUID())).statusCode, 404);
    assert.equal((await related('not-a-uuid')).statusCode, 400);
    assert.equal((await related(draft)).statusCode, 404);
    const asAdmin = await related(draft, '', bearer(t.adminToken));
    assert.equal(asAdmin.statusCode, 200);
    assert.deepEqual(
      asAdmin.json().items.map((i: { id: string }) => i.id),
      [active],
    );
  });
});
