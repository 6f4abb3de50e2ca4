import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '@shop/platform';
import { loadConfig } from '../src/config.js';
import {
  count,
  register,
  signUp,
  startUsers,
  strongPassword,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

const problemType = 'application/problem+json; charset=utf-8';

describe('hostile and malformed requests', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  test('an oversized JSON body is a 413 problem, and nothing is written', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: uniqueEmail(), password: strongPassword(), name: 'x'.repeat(100 * 1024) },
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.headers['content-type'], problemType);
    assert.equal(await count(t, 'SELECT 1 FROM users'), 0);
  });

  test('malformed JSON is a 400 problem', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@example.com", "password": ',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], problemType);
  });

  test('a body that is not JSON where JSON is expected: 415 for unknown types, 400 for text', async () => {
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    assert.equal(xml.statusCode, 415);
    assert.equal(xml.headers['content-type'], problemType);
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    assert.equal(text.statusCode, 400);
  });

  test('wrong JSON types and prototype pollution attempts are refused', async () => {
    const types = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: { $ne: null }, password: { $gt: '' } },
    });
    assert.equal(types.statusCode, 400);
    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@example.com","password":"x","__proto__":{"admin":true}}',
    });
    assert.equal(proto.statusCode, 400);
  });

  test('SQL-injection-shaped credentials are just wrong credentials', async () => {
    const user = await register(t);
    for (const email of ["' OR '1'='1", `${user.email}' --`, "admin'/*"]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: "' OR '1'='1" },
      });
      assert.equal(response.statusCode, 401, email);
    }
  });

  test('SQL-shaped names are stored and answered literally', async () => {
    const name = "Robert'); DROP TABLE users;--";
    const user = await signUp(t, { name });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.auth });
    assert.equal(me.json().name, name);
  });

  test('unknown routes and methods are problem documents', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['content-type'], problemType);
    const method = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/login' });
    assert.equal(method.statusCode, 404);
  });

  test('the OpenAPI document lists the routes with tags and bearer security; dev routes are hidden', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/users/me',
      '/api/v1/users/me/addresses/{id}',
      '/internal/oauth/token',
      '/.well-known/jwks.json',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.deepEqual(doc.paths['/api/v1/users/me'].get.security, [{ bearer: [] }]);
    assert.deepEqual(doc.paths['/api/v1/users/me'].get.tags, ['profile']);
    assert.equal(doc.paths['/dev/mailbox'], undefined);
    assert.ok(doc.paths['/api/v1/auth/register'].post.description);
  });

  test('health answers, readiness reports the bus that is not started, metrics are exposed', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.deepEqual(ready.json().checks, { db: 'ok', bus: 'failing' });
    assert.equal((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  });
});

describe('hostile numbers', () => {
  test('limit=Infinity and other numbers past any maximum are a 400 naming the field, not a 500', async () => {
    const t = await startUsers();
    try {
      const user = await signUp(t);
      for (const url of [
        '/api/v1/users/me/favorites?limit=Infinity',
        '/api/v1/users/me/addresses?limit=Infinity',
        '/api/v1/users/me/addresses?limit=-Infinity',
        '/api/v1/users/me/favorites?limit=1e400',
        '/api/v1/users/me/recommendations?limit=Infinity',
      ]) {
        const response = await t.app.inject({ method: 'GET', url, headers: user.auth });
        assert.equal(response.statusCode, 400, url);
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(response.json().errors[0].field, 'query.limit', url);
      }
    } finally {
      await t.close();
    }
  });
});

describe('the dev mailbox', () => {
  test('is off unless DEV_ROUTES=true', async () => {
    const t = await startUsers({ env: { DEV_ROUTES: 'false' } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/dev/mailbox?to=a@example.com' });
      assert.equal(response.statusCode, 404);
      assert.equal(loadConfig({ DATABASE_URL: 'x', BUS_URL: 'y' }).DEV_ROUTES, false, 'the default');
    } finally {
      await t.close();
    }
  });

  test('answers loopback peers only, never through a proxy, with the 404 of an unknown route', async () => {
    const t = await startUsers({ env: { TRUSTED_PROXIES: '10.0.0.1' } });
    try {
      const user = await register(t);
      const read = (remoteAddress: string, headers: Record<string, string> = {}) =>
        t.app.inject({
          method: 'GET',
          url: `/dev/mailbox?to=${encodeURIComponent(user.email)}`,
          remoteAddress,
          headers,
        });
      for (const [remoteAddress, headers] of [
        ['192.0.2.1', {}],
        ['10.0.0.1', { 'x-forwarded-for': '127.0.0.1' }],
        ['127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }],
        ['127.0.0.1', { forwarded: 'for=198.51.100.1' }],
      ] as const) {
        const refused = await read(remoteAddress, headers);
        assert.equal(refused.statusCode, 404, `${remoteAddress} ${JSON.stringify(headers)}`);
        assert.equal(refused.headers['content-type'], problemType);
        assert.equal(refused.json().code, 'not_found');
        assert.doesNotMatch(refused.body, /token|Confirm/);
      }
      for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        const answer = await read(local);
        assert.equal(answer.statusCode, 200, local);
        assert.ok(Array.isArray(answer.json().items));
      }
    } finally {
      await t.close();
    }
  });

  test('DEV_ROUTES=true with NODE_ENV=production stops the start, naming both', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'x', BUS_URL: 'y', DEV_ROUTES: 'true', NODE_ENV: 'production' }),
      (error: Error) =>
        error instanceof ConfigError &&
        /DEV_ROUTES/.test(error.message) &&
        /NODE_ENV=production/.test(error.message),
    );
    assert.equal(loadConfig({ DATABASE_URL: 'x', BUS_URL: 'y', NODE_ENV: 'production' }).DEV_ROUTES, false);
  });

  test('exists only with MAILER=capture', async () => {
    const t = await startUsers({ env: { MAILER: 'smtp', SMTP_URL: 'smtp://127.0.0.1:1' } });
    try {
      const response = await t.app.inject({ method: 'GET', url: '/dev/mailbox?to=a@example.com' });
      assert.equal(response.statusCode, 404);
      // A mail that cannot be sent does not undo the registration.
      await register(t);
      assert.equal(await count(t, 'SELECT 1 FROM users'), 1);
    } finally {
      await t.close();
    }
  });
});

describe('configuration', () => {
  test('an access token lifetime past what other services remember of a revoked session stops the start', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'x', BUS_URL: 'y', ACCESS_TOKEN_TTL_SECONDS: '3601' }),
      (error: Error) => error instanceof ConfigError && /ACCESS_TOKEN_TTL_SECONDS/.test(error.message),
    );
    assert.equal(
      loadConfig({ DATABASE_URL: 'x', BUS_URL: 'y', ACCESS_TOKEN_TTL_SECONDS: '3600' })
        .ACCESS_TOKEN_TTL_SECONDS,
      3600,
    );
  });
});
