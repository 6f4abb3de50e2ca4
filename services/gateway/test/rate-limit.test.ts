import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedWindowLimiter } from '../src/edge/rate-limit.js';
import { MemoryRateLimitStore } from '../src/edge/rate-limit-store.js';

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

  it('once a window holds `maxClients`, puts new clients on one shared overflow budget (fails closed)', () => {
    const limiter = new FixedWindowLimiter(2, 60_000, 2);
    assert.equal(limiter.hit('a', 0), 0);
    assert.equal(limiter.hit('b', 0), 0);
    assert.deepEqual(
      ['c', 'd', 'e'].map((client) => limiter.hit(client, 0)),
      [0, 0, 60],
      'c, d and e share one budget of 2: e is refused although it never sent anything before',
    );
    assert.equal(limiter.hit('a', 0), 0, 'a tracked client keeps its own budget');
    assert.equal(limiter.hit('a', 0), 60);
    assert.equal(limiter.hit('e', 60_000), 0, 'a new window starts every budget afresh');
  });

  it('keeps each budget apart in memory, and answers without a promise (the hot path)', () => {
    const store = new MemoryRateLimitStore({ general: 2, auth: 1, webhook: 3 }, 100);
    const answers = [store.hit('auth', 'a'), store.hit('auth', 'a'), store.hit('general', 'a')];
    assert.deepEqual(answers, [0, 60, 0]);
    assert.ok(answers.every((answer) => typeof answer === 'number'));
  });
});
