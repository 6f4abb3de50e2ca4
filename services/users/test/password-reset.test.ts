import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import {
  count,
  login,
  mailbox,
  mailsTo,
  register,
  signUp,
  startUsers,
  strongPassword,
  tokenIn,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('password reset', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  const forgot = (email: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/forgot-password', payload: { email }, remoteAddress });
  const reset = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/reset-password', payload: { token, password } });
  const resetMail = (email: string) =>
    waitFor(async () => {
      const mail = (await mailbox(t, email)).find((m) => m.subject === 'Reset your password');
      assert.ok(mail, 'reset mail captured');
      return mail;
    });

  test('does not reveal whether an account exists: same status, same body', async () => {
    const user = await register(t);
    const known = await forgot(user.email);
    const unknown = await forgot(uniqueEmail('nobody'));
    assert.equal(known.statusCode, 202);
    assert.equal(unknown.statusCode, 202);
    assert.deepEqual(known.json(), unknown.json());
    await resetMail(user.email);
    assert.equal(
      await count(t, `SELECT 1 FROM email_tokens WHERE purpose = 'reset_password' AND user_id = $1`, [
        user.id,
      ]),
      1,
    );
  });

  test('the link sets a new password once, ends every session and verifies the email', async () => {
    const user = await signUp(t);
    await forgot(user.email);
    const mail = await resetMail(user.email);
    assert.ok(
      mail.links[0]!.startsWith('https://shop.test/reset-password#token='),
      'the token is in the fragment',
    );
    const token = tokenIn(mail);
    const password = strongPassword();
    assert.equal((await reset(token, password)).statusCode, 204);
    await login(t, user.email, password);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(old.statusCode, 401, 'the old password is gone');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.statusCode, 401, 'sessions from before the reset are over');
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    assert.equal(refresh.statusCode, 401);
    const { rows } = await t.db.query('SELECT email_verified FROM users WHERE id = $1', [user.id]);
    assert.equal(rows[0].email_verified, true);
    const again = await reset(token, strongPassword());
    assert.equal(again.statusCode, 400, 'single use');
    assert.equal(again.json().code, 'invalid_token');
  });

  test('a reset clears the failed sign-ins of the account from every address', async () => {
    const user = await register(t);
    const wrong = (remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'Wrong-password-x' },
        remoteAddress,
      });
    for (let i = 0; i < 6; i++) await wrong('192.0.2.30');
    assert.equal((await wrong('192.0.2.30')).statusCode, 429);
    await forgot(user.email);
    const password = strongPassword();
    assert.equal((await reset(tokenIn(await resetMail(user.email)), password)).statusCode, 204);
    assert.equal(await count(t, 'SELECT 1 FROM throttle WHERE key LIKE $1', [`password:%${user.email}%`]), 0);
    await login(t, user.email, password, '192.0.2.30');
  });

  test('a weak new password is refused and the link keeps working', async () => {
    const user = await register(t);
    await forgot(user.email);
    const token = tokenIn(await resetMail(user.email));
    const weak = await reset(token, 'password1234');
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().code, 'weak_password');
    assert.equal((await reset(token, strongPassword())).statusCode, 204);
  });

  test('an expired link is refused', async () => {
    const user = await register(t);
    await forgot(user.email);
    const token = tokenIn(await resetMail(user.email));
    await t.db.query(`UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);
    assert.equal((await reset(token, strongPassword())).statusCode, 400);
  });

  test('a newer link replaces the older one', async () => {
    const user = await register(t);
    await forgot(user.email);
    const first = tokenIn(await resetMail(user.email));
    await forgot(user.email);
    const second = await waitFor(async () => {
      const mails = (await mailbox(t, user.email)).filter((m) => m.subject === 'Reset your password');
      assert.equal(mails.length, 2, 'second mail captured');
      return tokenIn(mails[0]);
    });
    assert.equal((await reset(first, strongPassword())).statusCode, 400);
    assert.equal((await reset(second, strongPassword())).statusCode, 204);
  });

  test('mail bombing is capped silently per account; a flood from one address gets 429', async () => {
    const user = await register(t);
    for (let i = 0; i < 5; i++) assert.equal((await forgot(user.email, '10.9.9.9')).statusCode, 202);
    await waitFor(async () => {
      const mails = (await mailbox(t, user.email)).filter((m) => m.subject === 'Reset your password');
      assert.equal(mails.length, 3, 'three mails, no more');
    });
    let last = await forgot(uniqueEmail(), '10.9.9.10');
    for (let i = 0; i < 30; i++) last = await forgot(uniqueEmail(), '10.9.9.10');
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers['retry-after']) > 0);
    assert.equal(last.json().code, 'too_many_attempts');
  });

  test('tokens that are not even shaped like one are a 400 naming the field', async () => {
    const response = await reset("'; DROP TABLE users; --", strongPassword());
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().errors[0].field, 'body.token');
    assert.ok((await count(t, 'SELECT 1 FROM users')) > 0);
  });
});

describe('email verification', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  test('resend sends a fresh link and kills the old one; nothing to send once verified', async () => {
    const user = await signUp(t);
    const first = tokenIn((await mailsTo(t, user.email))[0]);
    const resend = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email/resend',
      headers: user.auth,
    });
    assert.equal(resend.statusCode, 202);
    const mails = await mailsTo(t, user.email, 2);
    assert.equal(mails.length, 2);
    const second = tokenIn(mails[0]);
    const verify = (token: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    assert.equal((await verify(first)).statusCode, 400);
    assert.equal((await verify(second)).statusCode, 204);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email/resend', headers: user.auth });
    assert.equal((await mailbox(t, user.email)).length, 2, 'no mail once verified');
  });

  test('resend needs a signed-in user', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email/resend' });
    assert.equal(response.statusCode, 401);
  });
});
