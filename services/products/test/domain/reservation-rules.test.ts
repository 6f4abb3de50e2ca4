import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  judge,
  nextStatus,
  replay,
  type Reservation,
  type SellableStock,
} from '../../src/domain/reservation.js';
import { stockSignals } from '../../src/domain/stock.js';

const stock = (
  productId: string,
  onHand: number,
  reserved: number,
  active = true,
): [string, SellableStock] => [productId, { productId, onHand, reserved, version: 1, updatedAt: '', active }];

describe('judging a reserve', () => {
  test('unsellable products are named first, then short lines; enough stock is no rejection', () => {
    const shelf = new Map([stock('a', 5, 3), stock('b', 10, 0), stock('c', 10, 0, false)]);
    assert.deepEqual(
      judge(
        [
          { productId: 'a', quantity: 3 },
          { productId: 'x', quantity: 1 },
          { productId: 'c', quantity: 1 },
        ],
        shelf,
      ),
      {
        code: 'product_unavailable',
        unavailable: [
          { productId: 'x', requested: 1, available: 0 },
          { productId: 'c', requested: 1, available: 0 },
        ],
      },
    );
    assert.deepEqual(
      judge(
        [
          { productId: 'a', quantity: 3 },
          { productId: 'b', quantity: 10 },
        ],
        shelf,
      ),
      {
        code: 'insufficient_stock',
        unavailable: [{ productId: 'a', requested: 3, available: 2 }],
      },
    );
    assert.equal(
      judge(
        [
          { productId: 'a', quantity: 2 },
          { productId: 'b', quantity: 10 },
        ],
        shelf,
      ),
      null,
    );
  });
});

describe('the reservation state machine', () => {
  test('what each action does from each status', () => {
    const table = (['held', 'committed', 'released', 'expired', 'rejected', 'restocked'] as const).map(
      (status) => [
        status,
        nextStatus('commit', status) ?? '-',
        nextStatus('release', status) ?? '-',
        nextStatus('restock', status) ?? '-',
      ],
    );
    assert.deepEqual(table, [
      ['held', 'committed', 'released', '-'],
      ['committed', 'same', '-', 'restocked'],
      ['released', '-', 'same', '-'],
      ['expired', '-', 'same', '-'],
      ['rejected', '-', 'same', '-'],
      ['restocked', 'same', '-', 'same'],
    ]);
  });

  test('a retried reserve replays the outcome; other lines under the same order id are refused', () => {
    const held: Reservation = {
      orderId: 'o1',
      status: 'held',
      expiresAt: '2030-01-01T00:00:00.000Z',
      lines: [{ productId: 'a', quantity: 1 }],
      rejection: null,
      overdue: false,
    };
    const command = { orderId: 'o1', lines: [{ productId: 'a', quantity: 1 }], ttlSeconds: 60 };
    assert.deepEqual(replay(held, command), {
      view: { orderId: 'o1', status: 'held', expiresAt: '2030-01-01T00:00:00.000Z', lines: command.lines },
    });
    const mismatch = replay(held, { ...command, lines: [{ productId: 'a', quantity: 2 }] });
    assert.ok('error' in mismatch && mismatch.error.code === 'reservation_mismatch');
    const overdue = replay({ ...held, overdue: true }, command);
    assert.ok('error' in overdue && overdue.error.code === 'reservation_not_held');
    const tombstone = replay({ ...held, status: 'released', lines: [], expiresAt: null }, command);
    assert.ok('error' in tombstone && tombstone.error.code === 'reservation_not_held');
  });
});

describe('stock signals', () => {
  const change = (before: number, after: number) => ({
    productId: 'p',
    before: { onHand: before, reserved: 0 },
    after: { productId: 'p', onHand: after, reserved: 0, version: 2, updatedAt: '' },
  });

  test('low stock once, on the way down past the threshold; back in stock when rising from zero', () => {
    const types = (before: number, after: number) =>
      stockSignals([change(before, after)], 5).map((e) => e.type);
    assert.deepEqual(types(10, 4), ['inventory.low_stock.v1']);
    assert.deepEqual(types(5, 4), ['inventory.low_stock.v1']);
    assert.deepEqual(types(4, 3), [], 'already low: no repeat');
    assert.deepEqual(types(0, 3), ['inventory.back_in_stock.v1'], 'back, though still low');
    assert.deepEqual(types(0, 9), ['inventory.back_in_stock.v1']);
    assert.deepEqual(types(3, 9), []);
  });
});
