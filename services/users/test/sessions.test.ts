import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  count,
  login,
  register,
  signUp,
  signUpAs,
  startUsers,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('login, refresh and logout', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
  const me = (accessToken: string) =>
    t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });

  test('login answers an EdDSA access token with kid, typ, iss, aud, sub, roles, sid and name', async () => {
    const user = await register(t, { name: 'Grace Hopper' });
    const pair = await login(t, user.email.toUpperCase(), user.password);
    assert.equal(pair.tokenType, 'Bearer');
    assert.equal(pair.expiresIn, 900);
    const header = decodeProtectedHeader(pair.accessToken);
    assert.equal(header.alg, 'EdDSA');
    assert.equal(header.typ, 'at+jwt');
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    assert.ok(
      jwks.keys.some((k: { kid: string }) => k.kid === header.kid),
      'the kid is published',
    );
    assert.ok(
      jwks.keys.every((k: Record<string, unknown>) => !('d' in k)),
      'no private parts in the JWKS',
    );
    const claims = decodeJwt(pair.accessToken);
    assert.equal(claims.iss, 'shop-users');
    assert.equal(claims.aud, 'shop-api');
    assert.equal(claims.sub, user.id);
    assert.deepEqual(claims.roles, ['customer']);
    assert.equal(claims.name, 'Grace Hopper');
    assert.equal(typeof claims.sid, 'string');
    assert.equal(claims.exp! - claims.iat!, 900);
    assert.equal((await me(pair.accessToken)).statusCode, 200);
    const { rows } = await t.db.query('SELECT token_hash FROM refresh_tokens');
    assert.ok(
      rows.every((r) => r.token_hash.toString('base64url') !== pair.refreshToken),
      'refresh tokens stored hashed',
    );
  });

  test('unknown email and wrong password give the same status and body', async () => {
    const user = await register(t);
    const attempt = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'Wrong-password-123' },
      });
    const wrong = await attempt(user.email);
    const unknown = await attempt(`nobody-${user.email}`);
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
    assert.equal(wrong.json().code, 'invalid_credentials');
    assert.equal(await count(t, 'SELECT 1 FROM sessions WHERE user_id = $1', [user.id]), 0);
  });

  test('refresh rotates: a new pair, the old refresh token spent', async () => {
    const user = await signUp(t);
    const first = await refresh(user.refreshToken);
    assert.equal(first.statusCode, 200, first.body);
    const next = first.json();
    assert.notEqual(next.refreshToken, user.refreshToken);
    assert.equal(decodeJwt(next.accessToken).sid, decodeJwt(user.accessToken).sid, 'same session');
    assert.equal((await me(next.accessToken)).statusCode, 200);
    const second = await refresh(next.refreshToken);
    assert.equal(second.statusCode, 200);
  });

  test('a reused refresh token revokes the whole family: 401, and every token of the session stops working', async () => {
    const user = await signUp(t);
    const stolen = user.refreshToken;
    const rotated = (await refresh(stolen)).json();
    const reuse = await refresh(stolen);
    assert.equal(reuse.statusCode, 401);
    assert.equal(reuse.json().code, 'invalid_refresh_token');
    assert.match(reuse.json().detail, /already used/);
    // The legitimate holder's newer token is dead too, and so is the access token of the session.
    assert.equal((await refresh(rotated.refreshToken)).statusCode, 401);
    assert.equal((await me(rotated.accessToken)).statusCode, 401);
    const { rows } = await t.db.query('SELECT revoked_reason FROM sessions WHERE user_id = $1', [user.id]);
    assert.deepEqual(
      rows.map((r) => r.revoked_reason),
      ['refresh_token_reused'],
    );
  });

  test('other sessions survive a reuse in one session', async () => {
    const user = await signUp(t);
    const other = await login(t, user.email, user.password);
    await refresh(user.refreshToken);
    await refresh(user.refreshToken);
    assert.equal((await refresh(other.refreshToken)).statusCode, 200);
  });

  test('concurrent refreshes with one token: one wins, the other is a reuse', async () => {
    const user = await signUp(t);
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 401]);
  });

  test('garbage and unknown refresh tokens are 401 or 400, never 500', async () => {
    assert.equal((await refresh('a'.repeat(43))).statusCode, 401);
    const malformed = await refresh("' OR 1=1 --");
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().errors[0].field, 'body.refreshToken');
  });

  test('logout ends the session: refresh and access tokens stop working; other sessions stay', async () => {
    const user = await signUp(t);
    const other = await login(t, user.email, user.password);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: user.refreshToken },
    });
    assert.equal(out.statusCode, 204);
    assert.equal((await refresh(user.refreshToken)).statusCode, 401);
    assert.equal((await me(user.accessToken)).statusCode, 401);
    assert.equal((await me(other.accessToken)).statusCode, 200);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: user.refreshToken },
    });
    assert.equal(again.statusCode, 204, 'logout is idempotent');
  });

  test('a disabled user cannot log in or refresh, and is signed out at once', async () => {
    const admin = await signUpAs(t, ['admin']);
    const user = await signUp(t);
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.auth,
      payload: { disabled: true },
    });
    assert.equal(disable.statusCode, 200, disable.body);
    assert.equal((await refresh(user.refreshToken)).statusCode, 401);
    assert.equal((await me(user.accessToken)).statusCode, 401);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().code, 'account_disabled');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'not-the-password-1' },
    });
    assert.equal(wrong.statusCode, 401, 'a disabled account does not reveal itself to a wrong password');
    assert.equal(
      await count(t, 'SELECT 1 FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [user.id]),
      0,
    );
  });

  test('a login with an outdated password hash upgrades it', async () => {
    const user = await register(t);
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(user.password, { memoryCost: 64, timeCost: 1, algorithm: 2 });
    await t.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, weak]);
    await login(t, user.email, user.password);
    const { rows } = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    assert.match(rows[0].password_hash, /m=256,t=1,p=1/);
  });
});
