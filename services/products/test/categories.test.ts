import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createCategory, createProduct } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
before(async () => {
  t = await startProducts();
});
after(() => t.close());

const patch = (id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/categories/${id}`, headers: bearer(t.adminToken), payload });

test('categories nest into a tree, siblings by name', async () => {
  const electronics = await createCategory(t, 'Electronics');
  const audio = await createCategory(t, 'Audio', electronics.id);
  await createCategory(t, 'Headphones', audio.id);
  await createCategory(t, 'Cameras', electronics.id);
  await createCategory(t, 'Books');

  const response = await t.app.inject({ url: '/api/v1/categories' });
  assert.equal(response.statusCode, 200);
  const names = (nodes: { name: string; children: unknown[] }[]): unknown =>
    nodes.map((n) => [n.name, names(n.children as typeof nodes)]);
  assert.deepEqual(names(response.json().items), [
    ['Books', []],
    [
      'Electronics',
      [
        ['Audio', [['Headphones', []]]],
        ['Cameras', []],
      ],
    ],
  ]);
  assert.equal(audio.slug, 'audio');
  assert.equal(audio.parentId, electronics.id);
});

test('slugs are unique: a taken slug is a 409', async () => {
  await createCategory(t, 'Garden');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories',
    headers: bearer(t.adminToken),
    payload: { name: 'Garden' },
  });
  assert.equal(response.statusCode, 409);
  assert.equal(response.json().code, 'category_slug_taken');
});

test('an admin renames and moves a category; a move under its own subtree is a 409', async () => {
  const home = await createCategory(t, 'Home');
  const kitchen = await createCategory(t, 'Kitchen', home.id);
  const cookware = await createCategory(t, 'Cookware', kitchen.id);

  const renamed = await patch(kitchen.id, { name: 'Kitchen & Dining', slug: 'kitchen-dining' });
  assert.equal(renamed.statusCode, 200);
  assert.deepEqual(renamed.json(), {
    id: kitchen.id,
    name: 'Kitchen & Dining',
    slug: 'kitchen-dining',
    parentId: home.id,
  });

  for (const target of [cookware.id, kitchen.id]) {
    const cycle = await patch(home.id, { parentId: target });
    assert.equal(cycle.statusCode, 409);
    assert.equal(cycle.json().code, 'category_cycle');
  }
  const { rows } = await t.db.query('SELECT parent_id FROM categories WHERE id = $1', [home.id]);
  assert.equal(rows[0].parent_id, null);

  const toRoot = await patch(cookware.id, { parentId: null });
  assert.equal(toRoot.json().parentId, null);
  const unknownParent = await patch(cookware.id, { parentId: '00000000-0000-4000-8000-000000000001' });
  assert.equal(unknownParent.statusCode, 422);
});

test('deleting a category in use is a 409; an empty one is deleted', async () => {
  const parent = await createCategory(t, 'Toys');
  const child = await createCategory(t, 'Puzzles', parent.id);
  await createProduct(t, { categoryId: child.id, status: 'archived' });
  const empty = await createCategory(t, 'Empty');

  for (const id of [parent.id, child.id]) {
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/categories/${id}`,
      headers: bearer(t.adminToken),
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().code, 'category_in_use');
  }
  const deleted = await t.app.inject({
    method: 'DELETE',
    url: `/api/v1/categories/${empty.id}`,
    headers: bearer(t.adminToken),
  });
  assert.equal(deleted.statusCode, 204);
  const { rows } = await t.db.query('SELECT id FROM categories WHERE id = ANY($1::uuid[])', [
    [parent.id, child.id, empty.id],
  ]);
  assert.equal(rows.length, 2);
});

test('only admins change categories; bad input names the field', async () => {
  const customer = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories',
    headers: bearer(t.customerToken),
    payload: { name: 'Nope' },
  });
  assert.equal(customer.statusCode, 403);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories',
    headers: bearer(t.adminToken),
    payload: { name: 'Ok', slug: 'Not A Slug' },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'body.slug');
  const missing = await patch('00000000-0000-4000-8000-000000000002', { name: 'X' });
  assert.equal(missing.statusCode, 404);
  const { rowCount } = await t.db.query(`SELECT 1 FROM categories WHERE name = 'Nope'`);
  assert.equal(rowCount, 0);
});
