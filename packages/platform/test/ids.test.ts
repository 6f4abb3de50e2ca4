import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUuid } from '@shop/platform';

test('isUuid accepts UUIDs in either case and nothing else', () => {
  assert.equal(isUuid('0b7f4c1e-9a6d-4f3b-8c2a-1d5e6f7a8b9c'), true);
  assert.equal(isUuid('0B7F4C1E-9A6D-4F3B-8C2A-1D5E6F7A8B9C'), true);
  for (const other of [
    '',
    'kettle-classic',
    '0b7f4c1e9a6d4f3b8c2a1d5e6f7a8b9c',
    '0b7f4c1e-9a6d-4f3b-8c2a-1d5e6f7a8b9c ',
    "' OR 1=1 --",
  ])
    assert.equal(isUuid(other), false, other);
});
