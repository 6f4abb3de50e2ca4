import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedVersion, notModified } from '../../src/api/product-etag.js';
import { buildTree } from '../../src/domain/categories.js';
import { searchWords } from '../../src/domain/product-search.js';
import { listableStatuses, slugify } from '../../src/domain/product.js';

test('slugs are lowercase ASCII words joined by dashes', () => {
  assert.equal(slugify('Sony WH-1000XM5 Wireless Headphones'), 'sony-wh-1000xm5-wireless-headphones');
  assert.equal(slugify("De'Longhi Crème Brûlée — 2 Pack!"), 'de-longhi-creme-brulee-2-pack');
  assert.equal(slugify('---'), '');
});

test('search words: lowercase letters and digits, at most ten', () => {
  assert.deepEqual(searchWords('  Sony WH-1000XM5, "noise"  cancelling!'), [
    'sony',
    'wh',
    '1000xm5',
    'noise',
    'cancelling',
  ]);
  assert.deepEqual(searchWords('Crème brûlée'), ['crème', 'brûlée']);
  assert.equal(searchWords('a b c d e f g h i j k l').length, 10);
  assert.deepEqual(searchWords(undefined), []);
});

test('If-Match names the product version; missing is refused when required; weak tags never match', () => {
  assert.equal(expectedVersion('"v7.s3.r1.admin"', true), 7);
  assert.equal(expectedVersion('"x", "v2.s1.r1.public"', true), 2);
  assert.equal(expectedVersion('*', true), '*');
  assert.equal(expectedVersion(undefined, false), '*');
  assert.throws(() => expectedVersion(undefined, true), { code: 'if_match_required' });
  assert.throws(() => expectedVersion('W/"v7.s3.r1.admin"', true), { code: 'product_changed' });
});

test('If-None-Match compares weakly and understands lists and *', () => {
  const etag = '"v1.s1.r1.public"';
  assert.equal(notModified(etag, etag), true);
  assert.equal(notModified(`"v0", W/${etag}`, etag), true);
  assert.equal(notModified('*', etag), true);
  assert.equal(notModified('"v1.s2.r1.public"', etag), false);
  assert.equal(notModified(undefined, etag), false);
});

test('only admins list other statuses than active', () => {
  const admin = { userId: 'a', isAdmin: true };
  const customer = { userId: 'c', isAdmin: false };
  assert.deepEqual(listableStatuses(customer, undefined), ['active']);
  assert.deepEqual(listableStatuses(admin, ['draft', 'draft', 'archived']), ['draft', 'archived']);
  assert.deepEqual(listableStatuses(customer, ['active']), ['active']);
  assert.throws(() => listableStatuses(customer, ['draft']), { code: 'forbidden' });
});

test('a category tree nests children under parents, siblings by name', () => {
  const tree = buildTree([
    { id: '2', name: 'Zoo', slug: 'zoo', parentId: null },
    { id: '3', name: 'Beta', slug: 'beta', parentId: '1' },
    { id: '1', name: 'Alpha', slug: 'alpha', parentId: null },
    { id: '4', name: 'Aardvark', slug: 'aardvark', parentId: '1' },
  ]);
  assert.deepEqual(
    tree.map((n) => [n.name, n.children.map((c) => c.name)]),
    [
      ['Alpha', ['Aardvark', 'Beta']],
      ['Zoo', []],
    ],
  );
});
