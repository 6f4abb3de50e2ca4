import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import {
  count,
  login,
  mailbox,
  register,
  startUsers,
  tokenIn,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe("unlock links (the owner's way in after failed sign-ins)", () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers({ env: { LOGIN_ACCOUNT_FREE_FAILURES: '6' } });
  });
  after(() => t.close());

  const ask = (email: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/unlock', payload: { email }, remoteAddress });
  const confirm = (token: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/unlock/confirm', payload: { token } });
  const attempt = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
  const unlockMails = (email: string, n = 1) =>
    waitFor(async () => {
      const mails = (await mailbox(t, email)).filter(
        (m) => m.subject === 'Sign in again after failed attempts',
      );
      assert.ok(mails.length >= n, `${n} unlock mail(s)`);
      return mails;
    });

  test('the answer is the same whether or not the account exists', async () => {
    const user = await register(t);
    const known = await ask(user.email);
    const unknown = await ask(uniqueEmail('nobody'));
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(known.json(), unknown.json());
    const [mail] = await unlockMails(user.email);
    assert.ok(mail!.links[0]!.startsWith('https://shop.test/unlock#token='), 'the token is in the fragment');
    assert.doesNotMatch(mail!.text, /Ada/, 'no name to an address not confirmed');
  });

  test('the link clears the failures from every address, once; the owner signs in where they were blocked', async () => {
    const user = await register(t);
    // The owner mistyped five times at home, an attacker failed from two more addresses.
    for (let i = 0; i < 5; i++) await attempt(user.email, 'Wrong-password-x', '192.0.2.1');
    for (let i = 0; i < 2; i++) await attempt(user.email, 'Wrong-password-x', `192.0.2.${2 + i}`);
    assert.equal((await attempt(user.email, user.password, '192.0.2.1')).statusCode, 429, 'blocked at home');
    assert.equal(
      (await attempt(user.email, user.password, '192.0.2.9')).statusCode,
      429,
      'and delayed anywhere',
    );

    await ask(user.email);
    const token = tokenIn((await unlockMails(user.email))[0]);
    const stored = await t.db.query(
      `SELECT token_hash FROM email_tokens WHERE purpose = 'unlock' AND user_id = $1`,
      [user.id],
    );
    assert.equal(stored.rows.length, 1);
    assert.notEqual(stored.rows[0].token_hash.toString('base64url'), token, 'stored hashed');

    assert.equal((await confirm(token)).statusCode, 204);
    assert.equal(await count(t, 'SELECT 1 FROM throttle WHERE key LIKE $1', [`password:%${user.email}%`]), 0);
    await login(t, user.email, user.password, '192.0.2.1');
    const again = await confirm(token);
    assert.equal(again.statusCode, 400, 'single use');
    assert.equal(again.json().code, 'invalid_token');
  });

  test('an expired or stale link does nothing', async () => {
    const user = await register(t);
    await ask(user.email);
    const first = tokenIn((await unlockMails(user.email))[0]);
    await ask(user.email);
    const second = tokenIn((await unlockMails(user.email, 2))[0]);
    assert.equal((await confirm(first)).statusCode, 400, 'a newer link replaces the older one');
    await t.db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);
    assert.equal((await confirm(second)).statusCode, 400, 'expired');
  });

  test('mails are capped per account silently, requests per address with 429', async () => {
    const user = await register(t);
    for (let i = 0; i < 5; i++) assert.equal((await ask(user.email, '10.8.8.8')).statusCode, 202);
    await waitFor(async () => {
      const { rows } = await t.db.query('SELECT hits FROM throttle WHERE key = $1', [
        `unlock:account:${user.email}`,
      ]);
      assert.equal(rows[0]?.hits, 5, 'all counted');
    });
    assert.equal((await unlockMails(user.email, 3)).length, 3, 'three mails, no more');
    let last = await ask(uniqueEmail(), '10.8.8.9');
    for (let i = 0; i < 30; i++) last = await ask(uniqueEmail(), '10.8.8.9');
    assert.equal(last.statusCode, 429);
    assert.equal(last.json().code, 'too_many_attempts');
    assert.ok(Number(last.headers['retry-after']) > 0);
  });

  test('tokens not shaped like one are a 400 naming the field', async () => {
    const response = await confirm('not a token');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().errors[0].field, 'body.token');
  });
});
