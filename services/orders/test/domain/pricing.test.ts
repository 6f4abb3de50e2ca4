import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CurrencyMismatch, ProductUnavailable } from '../../src/domain/errors.js';
import { fingerprintOf } from '../../src/domain/idempotency.js';
import type { CatalogProduct } from '../../src/domain/ports.js';
import { mergeItems, priceOrder } from '../../src/domain/pricing.js';

const product = (
  id: string,
  price: number,
  extra: Partial<CatalogProduct> = {},
): [string, CatalogProduct] => [
  id,
  { id, name: `P${id}`, price, currency: 'EUR', status: 'active', available: 10, image: null, ...extra },
];
const shipping = { fee: 499, freeFrom: 5000 };

describe('pricing', () => {
  test('prices come from the catalog; shipping is a flat fee below the threshold', () => {
    const priced = priceOrder([{ productId: 'a', quantity: 2 }], new Map([product('a', 1250)]), shipping);
    assert.deepEqual(priced.lines, [
      { productId: 'a', name: 'Pa', unitPrice: 1250, quantity: 2, lineTotal: 2500 },
    ]);
    assert.equal(priced.subtotal, 2500);
    assert.equal(priced.shipping, 499);
    assert.equal(priced.total, 2999);
  });

  test('shipping is free from the threshold on', () => {
    const priced = priceOrder([{ productId: 'a', quantity: 4 }], new Map([product('a', 1250)]), shipping);
    assert.equal(priced.shipping, 0);
    assert.equal(priced.total, 5000);
  });

  test('unknown or inactive products are refused, naming them', () => {
    const error = (() => {
      try {
        priceOrder(
          [
            { productId: 'a', quantity: 1 },
            { productId: 'b', quantity: 1 },
            { productId: 'c', quantity: 2 },
            { productId: 'd', quantity: 1 },
          ],
          new Map([
            product('a', 100, { status: 'archived' }),
            product('c', 100, { status: 'draft' }),
            product('d', 100),
          ]),
          shipping,
        );
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ProductUnavailable);
    assert.deepEqual(error.extensions?.unavailable, [
      { productId: 'a', name: 'Pa', reason: 'product_deleted', requested: 1, available: 0 },
      { productId: 'b', name: null, reason: 'unknown_product', requested: 1, available: 0 },
      { productId: 'c', name: 'Pc', reason: 'not_for_sale', requested: 2, available: 0 },
    ]);
    assert.equal(
      error.detail,
      'Pa is no longer sold; b is not in the catalog; Pc is not for sale. Remove them and try again.',
    );
  });

  test('one currency per order', () => {
    assert.throws(
      () =>
        priceOrder(
          [
            { productId: 'a', quantity: 1 },
            { productId: 'b', quantity: 1 },
          ],
          new Map([product('a', 100), product('b', 100, { currency: 'USD' })]),
          shipping,
        ),
      CurrencyMismatch,
    );
  });

  test('repeated products merge into one line', () => {
    assert.deepEqual(
      mergeItems([
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
      ]),
      [
        { productId: 'a', quantity: 3 },
        { productId: 'b', quantity: 1 },
      ],
    );
  });

  test('an idempotency fingerprint ignores key order but not values', () => {
    assert.equal(fingerprintOf({ a: 1, b: [1, 2] }), fingerprintOf({ b: [1, 2], a: 1 }));
    assert.notEqual(fingerprintOf({ a: 1 }), fingerprintOf({ a: 2 }));
  });
});
