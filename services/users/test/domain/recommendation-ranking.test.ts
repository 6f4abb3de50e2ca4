import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explain, rank, type Candidate } from '../../src/domain/recommendation-ranking.js';

const candidate = (productId: string, numbers: Partial<Candidate> = {}): Candidate => ({
  productId,
  together: 0,
  because: null,
  categoryId: 'tea',
  brand: 'Leafy',
  categoryShare: 0,
  brandShare: 0,
  popularity: 0,
  known: true,
  ...numbers,
});
const kettle = { productId: 'kettle', kind: 'bought' as const, name: 'Kettle', rating: null };

describe('ranking recommendations', () => {
  test('co-purchases outweigh taste and popularity, and explain the item', () => {
    const ranked = rank([
      candidate('mug', { categoryShare: 1, brandShare: 1, popularity: 1 }),
      candidate('teapot', { together: 0.4, because: kettle }),
    ]);
    assert.deepEqual(
      ranked.map((r) => [r.productId, r.reason.kind]),
      [
        ['teapot', 'bought'],
        ['mug', 'category'],
      ],
    );
  });

  test('taste orders what co-purchases do not cover; the strongest part is the reason', () => {
    const ranked = rank([
      candidate('bestseller', { categoryId: 'garden', brand: 'Other', popularity: 1 }),
      candidate('in-my-category', { categoryShare: 1, popularity: 0.5 }),
      candidate('my-brand', { categoryId: 'garden', brandShare: 1, popularity: 0.1 }),
    ]);
    assert.deepEqual(
      ranked.map((r) => [r.productId, r.reason]),
      [
        ['in-my-category', { kind: 'category', categoryId: 'tea' }],
        ['bestseller', { kind: 'popular' }],
        ['my-brand', { kind: 'brand', brand: 'Leafy' }],
      ],
    );
  });

  test('a category the user dislikes pushes its products down', () => {
    const ranked = rank([
      candidate('disliked', { categoryShare: -1, popularity: 1 }),
      candidate('plain', { popularity: 0.5 }),
    ]);
    assert.deepEqual(
      ranked.map((r) => r.productId),
      ['plain', 'disliked'],
    );
  });

  test('equal scores are ordered by product id, so every replica answers the same', () => {
    const ranked = rank([candidate('b', { popularity: 0.5 }), candidate('a', { popularity: 0.5 })]);
    assert.deepEqual(
      ranked.map((r) => r.productId),
      ['a', 'b'],
    );
  });

  test('reasons read as sentences, with fallbacks when a name is unknown', () => {
    const names = new Map([['tea', 'Tea']]);
    assert.equal(explain(kettle, names), 'Because you bought Kettle');
    assert.equal(explain({ ...kettle, kind: 'favorite' }, names), 'Because you favorited Kettle');
    assert.equal(explain({ ...kettle, kind: 'rated', rating: 5 }, names), 'Because you rated Kettle 5/5');
    assert.equal(explain({ ...kettle, name: null }, names), 'Bought by customers like you');
    assert.equal(explain({ kind: 'category', categoryId: 'tea' }, names), 'Popular in Tea');
    assert.equal(explain({ kind: 'category', categoryId: 'other' }, names), 'Popular in a category you like');
    assert.equal(explain({ kind: 'brand', brand: 'Leafy' }, names), 'More from Leafy');
    assert.equal(explain({ kind: 'popular' }, names), 'Popular right now');
  });
});
