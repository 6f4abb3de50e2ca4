import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepExpired } from '../src/data/database.js';
import {
  count,
  register,
  signUp,
  startUsers,
  strongPassword,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('brute force throttling', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers({
      env: {
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
        LOGIN_MAX_FAILURES_PER_IP: '12',
        TRUSTED_PROXIES: '10.0.0.1',
      },
    });
  });
  after(() => t.close());

  const attempt = (
    email: string,
    password: string,
    remoteAddress = '192.0.2.1',
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress,
      headers,
    });

  test('per account and address: the 6th attempt from that address is a 429, while the owner elsewhere signs in', async () => {
    const user = await register(t);
    for (let i = 0; i < 5; i++) {
      assert.equal((await attempt(user.email, `Wrong-password-${i}`, '198.51.100.1')).statusCode, 401);
    }
    const blocked = await attempt(user.email, user.password, '198.51.100.1');
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().code, 'too_many_attempts');
    assert.match(blocked.json().detail, /unlock/);
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    assert.equal(await sessions(user.id), 0, 'no session was started');
    // The attacker's failures do not lock the owner out from another address.
    assert.equal((await attempt(user.email, user.password, '198.51.100.99')).statusCode, 200);
    // Once the window has passed, the right password works from that address again.
    await t.db.query(
      `UPDATE throttle SET window_started_at = now() - interval '16 minutes' WHERE key LIKE $1`,
      [`%${user.email}%`],
    );
    assert.equal((await attempt(user.email, user.password, '198.51.100.1')).statusCode, 200);
  });

  test("a success clears that address's count on the account; other accounts are not affected", async () => {
    const user = await register(t);
    for (let i = 0; i < 4; i++) await attempt(user.email, 'Wrong-password-x', '203.0.113.7');
    assert.equal((await attempt(user.email, user.password, '203.0.113.7')).statusCode, 200);
    for (let i = 0; i < 4; i++)
      assert.equal((await attempt(user.email, 'Wrong-password-x', '203.0.113.7')).statusCode, 401);
    const neighbour = await register(t);
    assert.equal((await attempt(neighbour.email, neighbour.password, '203.0.113.8')).statusCode, 200);
  });

  test('unknown accounts are throttled the same way (no enumeration through the throttle)', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 5; i++)
      assert.equal((await attempt(ghost, 'Wrong-password-x', '198.18.0.1')).statusCode, 401);
    assert.equal((await attempt(ghost, 'Wrong-password-x', '198.18.0.1')).statusCode, 429);
  });

  test('IPv6 clients are counted by their /64, as the gateway counts them', async () => {
    const user = await register(t);
    for (let i = 0; i < 5; i++) {
      const address = `2001:db8:7:${i % 2 ? '1' : '0001'}::${(i + 10).toString(16)}`;
      assert.equal((await attempt(user.email, 'Wrong-password-x', address)).statusCode, 401, address);
    }
    assert.equal(
      (await attempt(user.email, user.password, '2001:db8:7:1:ffff::1')).statusCode,
      429,
      'another address of the same /64 is the same client',
    );
    assert.equal(
      (await attempt(user.email, user.password, '2001:db8:7:2::1')).statusCode,
      200,
      'another /64 is not',
    );
  });

  test('distributed guessing on one account is slowed by a doubling delay, not a lockout', async () => {
    const user = await register(t);
    // 20 free attempts (LOGIN_ACCOUNT_FREE_FAILURES), from four addresses (five each is their own limit).
    for (let i = 0; i < 20; i++) {
      const answer = await attempt(user.email, 'Wrong-password-x', `192.0.2.${100 + Math.floor(i / 5)}`);
      assert.equal(answer.statusCode, 401, `attempt ${i + 1}`);
    }
    // The 21st is counted and makes the next wait a second, the 22nd waits…
    assert.equal((await attempt(user.email, 'Wrong-password-x', '192.0.2.110')).statusCode, 401);
    const waiting = await attempt(user.email, user.password, '192.0.2.111');
    assert.equal(waiting.statusCode, 429, 'even the owner waits out the delay');
    assert.ok(Number(waiting.headers['retry-after']) >= 1);
    const key = `password:account:${user.email}`;
    const delay = async () => {
      const { rows } = await t.db.query<{ s: number }>(
        `SELECT extract(epoch FROM blocked_until - now())::float8 AS s FROM throttle WHERE key = $1`,
        [key],
      );
      return rows[0]!.s;
    };
    assert.ok((await delay()) <= 1, 'one second after the first attempt past the free ones');
    // Each counted attempt past the free ones doubles the wait, up to the cap.
    const expected = [2, 4, 8, 16, 32, 60, 60];
    for (const [i, seconds] of expected.entries()) {
      await t.db.query(`UPDATE throttle SET blocked_until = now() - interval '1 second' WHERE key = $1`, [
        key,
      ]);
      assert.equal((await attempt(user.email, 'Wrong-password-x', `192.0.2.${120 + i}`)).statusCode, 401);
      const d = await delay();
      assert.ok(d > seconds - 1 && d <= seconds, `delay ${d} after attempt ${22 + i}, expected ${seconds}`);
    }
    // Waiting is all it takes: the owner gets in once the delay has passed.
    await t.db.query(`UPDATE throttle SET blocked_until = now() - interval '1 second' WHERE key = $1`, [key]);
    assert.equal((await attempt(user.email, user.password, '192.0.2.111')).statusCode, 200);
  });

  test('where the owner signed in lately the account-wide delay does not apply; its own budgets do', async () => {
    const user = await register(t);
    assert.equal((await attempt(user.email, user.password, '192.0.2.160')).statusCode, 200, 'at home');
    const key = `password:account:${user.email}`;
    // Guessers elsewhere hold the account at its delay.
    await t.db.query(
      `INSERT INTO throttle (key, hits, window_started_at, blocked_until)
       VALUES ($1, 40, now(), now() + interval '60 seconds')
       ON CONFLICT (key) DO UPDATE SET hits = 40, window_started_at = now(), blocked_until = now() + interval '60 seconds'`,
      [key],
    );
    assert.equal(
      (await attempt(user.email, user.password, '192.0.2.161')).statusCode,
      429,
      'a new address waits',
    );
    assert.equal((await attempt(user.email, user.password, '192.0.2.160')).statusCode, 200, 'home does not');
    const { rows } = await t.db.query<{ hits: number }>(`SELECT hits FROM throttle WHERE key = $1`, [key]);
    assert.equal(rows[0]!.hits, 40, "the owner's sign-ins take nothing off the guessers' count");
    // The address's own budget on the account still holds at home.
    for (let i = 0; i < 5; i++) await attempt(user.email, 'Wrong-password-x', '192.0.2.160');
    assert.equal(
      (await attempt(user.email, user.password, '192.0.2.160')).statusCode,
      429,
      'five wrong at home',
    );

    // Known only while lately used, and not through a session that ended as a sign of compromise.
    const other = await register(t);
    assert.equal((await attempt(other.email, other.password, '192.0.2.170')).statusCode, 200);
    assert.equal((await attempt(other.email, other.password, '192.0.2.171')).statusCode, 200);
    await t.db.query(
      `INSERT INTO throttle (key, hits, window_started_at, blocked_until)
       VALUES ($1, 40, now(), now() + interval '60 seconds')
       ON CONFLICT (key) DO UPDATE SET hits = 40, window_started_at = now(), blocked_until = now() + interval '60 seconds'`,
      [`password:account:${other.email}`],
    );
    await t.db.query(
      `UPDATE sessions SET last_used_at = now() - interval '31 days' WHERE user_id = $1 AND client_key = $2`,
      [other.id, '192.0.2.170'],
    );
    await t.db.query(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'password_changed'
       WHERE user_id = $1 AND client_key = $2`,
      [other.id, '192.0.2.171'],
    );
    assert.equal((await attempt(other.email, other.password, '192.0.2.170')).statusCode, 429, 'not lately');
    assert.equal((await attempt(other.email, other.password, '192.0.2.171')).statusCode, 429, 'compromised');
  });

  test('parallel attempts past the free ones: only one goes through, the others wait', async () => {
    const user = await register(t);
    await t.db.query(`INSERT INTO throttle (key, hits, window_started_at) VALUES ($1, 20, now())`, [
      `password:account:${user.email}`,
    ]);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(user.email, 'Wrong-password-x', `192.0.2.${140 + i}`)),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [401, 429, 429, 429, 429, 429, 429, 429]);
  });

  test('per client address: spraying many accounts from one address is stopped', async () => {
    let last = await attempt(uniqueEmail(), 'Wrong-password-x', '192.0.2.50');
    for (let i = 0; i < 12; i++) last = await attempt(uniqueEmail(), 'Wrong-password-x', '192.0.2.50');
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    const user = await register(t);
    assert.equal(
      (await attempt(user.email, user.password, '192.0.2.51')).statusCode,
      200,
      'another address is fine',
    );
  });

  test('X-Forwarded-For from an untrusted peer is ignored: rotating it does not dodge the limit', async () => {
    let last = await attempt(uniqueEmail(), 'Wrong-password-x', '192.0.2.60', {
      'x-forwarded-for': '1.1.1.1',
    });
    for (let i = 0; i < 12; i++) {
      last = await attempt(uniqueEmail(), 'Wrong-password-x', '192.0.2.60', {
        'x-forwarded-for': `1.1.1.${i + 2}`,
      });
    }
    assert.equal(last.statusCode, 429);
  });

  test('behind a trusted proxy (TRUSTED_PROXIES), X-Forwarded-For names the client', async () => {
    let last = await attempt(uniqueEmail(), 'Wrong-password-x', '10.0.0.1', {
      'x-forwarded-for': '198.51.100.200',
    });
    for (let i = 0; i < 12; i++) {
      last = await attempt(uniqueEmail(), 'Wrong-password-x', '10.0.0.1', {
        'x-forwarded-for': '198.51.100.200',
      });
    }
    assert.equal(last.statusCode, 429, 'that client is blocked');
    const user = await register(t);
    const otherClient = await attempt(user.email, user.password, '10.0.0.1', {
      'x-forwarded-for': '198.51.100.201',
    });
    assert.equal(otherClient.statusCode, 200, 'another client behind the same proxy is not');
    const { rows } = await t.db.query('SELECT ip FROM sessions WHERE user_id = $1', [user.id]);
    assert.equal(rows[0].ip, '198.51.100.201');
  });

  test('re-authentication counts on the login budgets, right or wrong, and a right one clears nothing', async () => {
    const user = await signUp(t);
    const change = (currentPassword: string, newPassword: string, remoteAddress = '198.51.101.1') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users/me/password',
        headers: user.auth,
        payload: { currentPassword, newPassword },
        remoteAddress,
      });
    // A weak new password with the right current one: refused before any hashing, yet counted.
    for (let i = 0; i < 3; i++) assert.equal((await change(user.password, 'password1234')).statusCode, 400);
    assert.equal((await change('Wrong-password-1', 'Another-Str0ng-pass')).statusCode, 403);
    assert.equal((await change('Wrong-password-2', 'Another-Str0ng-pass')).statusCode, 403);
    const blocked = await change(user.password, 'Another-Str0ng-pass');
    assert.equal(blocked.statusCode, 429, 'the sixth attempt, right password and all');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const { rows } = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    assert.ok(rows[0].password_hash, 'unchanged');
    assert.equal(
      (await attempt(user.email, user.password, '198.51.101.1')).statusCode,
      429,
      'logins from there too',
    );

    // A right re-authentication does not wipe the failures before it.
    const other = await signUp(t);
    const changeOther = (currentPassword: string, newPassword = strongPassword()) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users/me/password',
        headers: other.auth,
        payload: { currentPassword, newPassword },
        remoteAddress: '198.51.101.2',
      });
    assert.equal((await changeOther('Wrong-password-1')).statusCode, 403);
    assert.equal((await changeOther('Wrong-password-2')).statusCode, 403);
    const newPassword = strongPassword();
    assert.equal((await changeOther(other.password, newPassword)).statusCode, 204);
    assert.equal((await changeOther('Wrong-password-3')).statusCode, 403);
    assert.equal((await changeOther('Wrong-password-4')).statusCode, 403);
    assert.equal(
      (await changeOther(newPassword)).statusCode,
      429,
      'five attempts in all, whatever their outcome',
    );
  });

  test('the periodic sweep forgets ended windows, long-expired sessions, tokens and links', async () => {
    const user = await signUp(t);
    await t.db.query(`UPDATE throttle SET window_started_at = now() - interval '2 hours'`);
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '8 days' WHERE user_id = $1`, [
      user.id,
    ]);
    await t.db.query(`UPDATE email_tokens SET expires_at = now() - interval '2 days' WHERE user_id = $1`, [
      user.id,
    ]);
    await sweepExpired(t.db, 3600);
    assert.equal(await count(t, 'SELECT 1 FROM throttle'), 0);
    assert.equal(await count(t, 'SELECT 1 FROM sessions WHERE user_id = $1', [user.id]), 0);
    assert.equal(await count(t, 'SELECT 1 FROM email_tokens WHERE user_id = $1', [user.id]), 0);
    assert.equal(await count(t, 'SELECT 1 FROM users WHERE id = $1', [user.id]), 1);
  });

  async function sessions(userId: string) {
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [userId]);
    return rows[0].n as number;
  }
});

describe('sign-ins the server could not answer', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers({
      env: {
        // Budgets larger than the burst, so that every attempt of it is counted and checked.
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '50',
        LOGIN_MAX_FAILURES_PER_IP: '50',
        LOGIN_ACCOUNT_FREE_FAILURES: '50',
        // Two verifications at once and none waiting: a burst is mostly refused as busy (503).
        PASSWORD_HASHING_AT_ONCE: '2',
        PASSWORD_HASHING_LOGINS_WAITING: '0',
      },
    });
  });
  after(() => t.close());

  test('a 503 (the password check busy) is given back: nothing stays counted against the address or the account', async () => {
    const password = strongPassword();
    const email = uniqueEmail('busy');
    await register(t, { email, password });
    const burst = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password },
          remoteAddress: '198.51.100.7',
        }),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    const busy = statuses.filter((s) => s === 503).length;
    console.log(
      `30 correct sign-ins at once: ${statuses.filter((s) => s === 200).length} × 200, ${busy} × 503`,
    );
    assert.ok(busy > 0, 'the burst met a busy hasher');
    assert.ok(
      statuses.every((s) => s === 200 || s === 503),
      `only signed in or busy: ${statuses.join(',')}`,
    );
    // Each signed-in attempt gave its count back; each busy one must have too (it tested no password).
    const { rows } = await t.db.query<{ hits: number }>(
      `SELECT coalesce(sum(hits), 0)::int AS hits FROM throttle WHERE key LIKE 'password:%'`,
    );
    assert.equal(rows[0]!.hits, 0, 'no sign-in attempt stays counted');
  });
});
