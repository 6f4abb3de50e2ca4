import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

describe('gateway routing', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway();
  });
  after(() => gw.close());

  const cases: [string, string, 'users' | 'products' | 'orders'][] = [
    ['POST', '/api/v1/auth/login', 'users'],
    ['GET', '/api/v1/users/me?fields=name', 'users'],
    ['GET', '/api/v1/users?cursor=abc', 'users'],
    ['GET', '/.well-known/jwks.json', 'users'],
    ['GET', '/api/v1/products/42?x=1', 'products'],
    ['GET', '/api/v1/categories', 'products'],
    ['POST', '/api/v1/reviews', 'products'],
    ['PUT', '/api/v1/cart/items/7', 'orders'],
    ['DELETE', '/api/v1/orders/9', 'orders'],
    ['POST', '/api/v1/payments/webhook', 'orders'],
  ];
  for (const [method, path, upstream] of cases) {
    it(`${method} ${path} goes to ${upstream}, unchanged`, async () => {
      const body = method === 'POST' || method === 'PUT' ? JSON.stringify({ hello: 'world' }) : undefined;
      const response = await request(`${gw.url}${path}`, {
        method: method as 'GET',
        headers: body ? { 'content-type': 'application/json' } : {},
        body,
      });
      assert.equal(response.statusCode, method === 'POST' ? 201 : 200);
      assert.equal(response.headers['x-upstream'], upstream);
      const echoed = (await response.body.json()) as { method: string; url: string; body: string };
      assert.equal(echoed.method, method);
      assert.equal(echoed.url, path);
      assert.equal(echoed.body, body ?? '');
      for (const other of ['users', 'products', 'orders'] as const) {
        if (other !== upstream) assert.equal(gw[other].seen.at(-1)?.url === path, false);
      }
    });
  }

  it('passes multi-valued response headers and keeps its own request id', async () => {
    const response = await request(`${gw.url}/api/v1/users/me`, { headers: { 'x-request-id': 'my-id-1' } });
    await response.body.dump();
    assert.deepEqual(response.headers['set-cookie'], ['a=1; HttpOnly', 'b=2; HttpOnly']);
    assert.equal(response.headers['x-request-id'], 'my-id-1');
    assert.equal(gw.users.seen.at(-1)?.headers['x-request-id'], 'my-id-1');
  });

  for (const path of ['/internal/oauth/token', '/internal/users/1', '/dev/mailbox', '/api/v1/auth']) {
    it(`never routes ${path}`, async () => {
      const before = [gw.users, gw.products, gw.orders].map((u) => u.seen.length);
      const response = await request(`${gw.url}${path}`, {
        method: path === '/internal/oauth/token' ? 'POST' : 'GET',
      });
      const problem = (await response.body.json()) as { code: string };
      if (path === '/api/v1/auth') {
        // The auth tree is routed; the service answers for its own root.
        assert.equal(response.statusCode, 200);
        return;
      }
      assert.equal(response.statusCode, 404);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(problem.code, 'not_found');
      assert.deepEqual(
        [gw.users, gw.products, gw.orders].map((u) => u.seen.length),
        before,
      );
    });
  }

  for (const path of [
    '/api/v1/users/../../internal/users/1',
    '/api/v1/users/%2e%2e/%2e%2e/internal/users/1',
    '/api/v1/users/me/..%2f..%2finternal',
    '/api/v1/users/me%5C..%5Cx',
  ]) {
    it(`refuses the dot-segment path ${path}`, async () => {
      const before = gw.users.seen.length;
      const response = await request(`${gw.url}${path}`);
      const problem = (await response.body.json()) as { code: string };
      assert.ok([400, 404].includes(response.statusCode), `status ${response.statusCode}`);
      assert.ok(['path_not_allowed', 'not_found'].includes(problem.code));
      assert.equal(gw.users.seen.length, before, 'nothing reached users');
    });
  }

  it('replaces client-sent identity and forwarding headers with its own', async () => {
    const response = await request(`${gw.url}/api/v1/users/me`, {
      headers: {
        'x-user-id': 'admin-1',
        'x-roles': 'admin',
        'x-user-roles': 'admin',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=203.0.113.9',
        'x-real-ip': '203.0.113.9',
        authorization: 'Bearer abc',
      },
    });
    assert.equal(response.statusCode, 200);
    await response.body.dump();
    const seen = gw.users.seen.at(-1)!.headers;
    for (const name of ['x-user-id', 'x-roles', 'x-user-roles', 'forwarded', 'x-real-ip']) {
      assert.equal(seen[name], undefined, `${name} must not reach the service`);
    }
    assert.equal(seen['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen['x-forwarded-proto'], 'http');
    assert.equal(seen['x-forwarded-host'], new URL(gw.url).host);
    assert.equal(seen.authorization, 'Bearer abc');
  });

  it('continues the caller trace and starts one when there is none', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await (
      await request(`${gw.url}/api/v1/users/me`, {
        headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      })
    ).body.dump();
    const continued = String(gw.users.seen.at(-1)!.headers.traceparent);
    assert.match(continued, new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    assert.notEqual(continued.split('-')[2], '00f067aa0ba902b7', 'the gateway is a hop with its own span id');

    const started = await request(`${gw.url}/api/v1/users/me`);
    await started.body.dump();
    assert.match(String(gw.users.seen.at(-1)!.headers.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    assert.match(String(started.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(gw.users.seen.at(-1)!.headers['x-request-id'], started.headers['x-request-id']);
  });

  it('answers 204 without a body', async () => {
    const response = await request(`${gw.url}/api/v1/orders/no-content`);
    assert.equal(response.statusCode, 204);
    assert.equal(await response.body.text(), '');
  });
});
