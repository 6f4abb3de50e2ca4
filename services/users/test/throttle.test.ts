import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sweepExpired } from '../src/data/database.js';
import { count, register, signUp, startTestApp, uniqueEmail, type TestApp } from './test-app.js';

describe('brute force throttling', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
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

  test('per account: the 6th attempt is a 429 with Retry-After, even with the right password', async () => {
    const user = await register(t);
    for (let i = 0; i < 5; i++) {
      assert.equal((await attempt(user.email, `Wrong-password-${i}`, `198.51.100.${i}`)).statusCode, 401);
    }
    const blocked = await attempt(user.email, user.password, '198.51.100.99');
    assert.equal(blocked.statusCode, 429);
    assert.equal(blocked.json().code, 'too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    assert.equal(await sessions(user.id), 0, 'no session was started');
    // Once the window has passed, the right password works again.
    await t.db.query(
      `UPDATE throttle SET window_started_at = now() - interval '16 minutes' WHERE key LIKE $1`,
      [`%${user.email}`],
    );
    assert.equal((await attempt(user.email, user.password, '198.51.100.99')).statusCode, 200);
  });

  test('a success clears the account count; other accounts are not affected', async () => {
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
      assert.equal((await attempt(ghost, 'Wrong-password-x', `198.18.0.${i}`)).statusCode, 401);
    assert.equal((await attempt(ghost, 'Wrong-password-x', '198.18.0.99')).statusCode, 429);
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

  test('re-authentication for sensitive changes is throttled too (a stolen token cannot guess the password)', async () => {
    const user = await signUp(t);
    let last;
    for (let i = 0; i < 6; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users/me/password',
        headers: user.auth,
        payload: { currentPassword: `Wrong-password-${i}`, newPassword: 'Another-Str0ng-pass' },
        remoteAddress: `198.51.101.${i}`,
      });
    }
    assert.equal(last!.statusCode, 429);
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
