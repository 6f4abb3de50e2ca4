import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boundedPasswordHasher } from '../src/adapters/bounded-password-hasher.js';
import type { PasswordHasher } from '../src/domain/passwords.js';

/** A hasher whose every call waits until the test lets it finish, recording what started. */
function heldHasher() {
  const started: string[] = [];
  const pending: (() => void)[] = [];
  const held = (what: string) =>
    new Promise<void>((resolve) => {
      started.push(what);
      pending.push(resolve);
    });
  const inner: PasswordHasher = {
    hash: async (password) => (await held(`hash ${password}`), `hashed:${password}`),
    verify: async (_hash, password) => (await held(`verify ${password}`), true),
    needsRehash: () => false,
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { inner, started, finishOne: async () => (pending.shift()?.(), tick()), tick };
}

describe('the bounded password hasher', () => {
  const bounds = { atOnce: 2, accountAtOnce: 1, waiting: { login: 3, account: 2 }, maxWaitMs: 60_000 };

  test('account work takes at most its share; a sign-in still starts at once', async () => {
    const held = heldHasher();
    const hasher = boundedPasswordHasher(held.inner, bounds);
    const registrations = [
      hasher.hash('r1', 'account'),
      hasher.hash('r2', 'account'),
      hasher.hash('r3', 'account'),
    ];
    await held.tick();
    assert.deepEqual(held.started, ['hash r1'], 'one account slot');
    const signIn = hasher.verify('stored', 'l1', 'login');
    await held.tick();
    assert.deepEqual(held.started, ['hash r1', 'verify l1'], 'the sign-in did not wait behind registrations');
    // A fourth registration finds its queue full: refused at once, with Retry-After.
    await assert.rejects(
      hasher.hash('r4', 'account'),
      (error: Error & { code?: string; status?: number; retryAfterSeconds?: number }) => {
        assert.equal(error.code, 'password_check_busy');
        assert.equal(error.status, 503);
        assert.ok(error.retryAfterSeconds! >= 1);
        return true;
      },
    );
    for (let i = 0; i < 4; i++) await held.finishOne();
    assert.equal(await signIn, true);
    assert.deepEqual(await Promise.all(registrations), ['hashed:r1', 'hashed:r2', 'hashed:r3']);
  });

  test('when a slot frees, waiting sign-ins go before waiting account work', async () => {
    const held = heldHasher();
    const hasher = boundedPasswordHasher(held.inner, bounds);
    const all: Promise<unknown>[] = [hasher.verify('s', 'l1', 'login'), hasher.verify('s', 'l2', 'login')];
    await held.tick();
    all.push(hasher.hash('r1', 'account'), hasher.verify('s', 'l3', 'login'));
    await held.tick();
    assert.deepEqual(held.started, ['verify l1', 'verify l2']);
    await held.finishOne();
    assert.deepEqual(held.started.slice(2), ['verify l3'], 'the sign-in that came later goes first');
    await held.finishOne();
    assert.deepEqual(held.started.slice(3), ['hash r1']);
    for (let i = 0; i < 2; i++) await held.finishOne();
    await Promise.all(all);
  });

  test('a request that waits longer than maxWaitMs is refused with Retry-After, and leaves the queue', async () => {
    const held = heldHasher();
    const hasher = boundedPasswordHasher(held.inner, { ...bounds, maxWaitMs: 20 });
    const running = [hasher.verify('s', 'l1', 'login'), hasher.verify('s', 'l2', 'login')];
    await assert.rejects(hasher.verify('s', 'l3', 'login'), /waited too long/);
    await held.finishOne();
    await held.finishOne();
    await Promise.all(running);
    assert.deepEqual(held.started, ['verify l1', 'verify l2'], 'the refused one never ran');
    // Nothing is left holding a slot.
    const later = [hasher.verify('s', 'l4', 'login'), hasher.verify('s', 'l5', 'login')];
    await held.tick();
    assert.deepEqual(held.started.slice(2), ['verify l4', 'verify l5']);
    await held.finishOne();
    await held.finishOne();
    await Promise.all(later);
  });
});
