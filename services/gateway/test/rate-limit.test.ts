import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedWindowLimiter } from '../src/edge/rate-limit.js';

describe('rate limit counting', () => {
  it('lets `max` requests a window through per client, then says how long to wait', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    const t0 = 1_000_000;
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.hit('a', t0)),
      [0, 0, 0, 60],
    );
    assert.equal(limiter.hit('b', t0 + 1000), 0, 'another client has its own count');
    assert.equal(limiter.hit('a', t0 + 59_500), 1, 'at least one second');
    assert.equal(limiter.hit('a', t0 + 60_000), 0, 'a new window starts from zero');
  });

  it('stops counting new clients once a window holds `maxClients`, without refusing them', () => {
    const limiter = new FixedWindowLimiter(1, 60_000, 2);
    assert.equal(limiter.hit('a', 0), 0);
    assert.equal(limiter.hit('b', 0), 0);
    assert.equal(limiter.hit('c', 0), 0);
    assert.equal(limiter.hit('c', 0), 0, 'c is not tracked');
    assert.equal(limiter.hit('a', 0), 60, 'the tracked ones still are');
  });
});
