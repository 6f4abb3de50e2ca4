import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

describe('gateway edge: rate limits, proxies, CORS, security headers', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({
      RATE_LIMIT_PER_MINUTE: '6',
      AUTH_RATE_LIMIT_PER_MINUTE: '3',
      WEBHOOK_RATE_LIMIT_PER_MINUTE: '12',
      TRUSTED_PROXIES: '127.0.0.1',
      CORS_ORIGINS: 'https://shop.example',
    });
  });
  after(() => gw.close());

  const from = (client: string, extra: Record<string, string> = {}) => ({
    headers: { 'x-forwarded-for': client, ...extra },
  });

  it('limits /api/v1/auth/* more strictly than the rest, per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await request(`${gw.url}/api/v1/auth/login`, {
        method: 'POST',
        ...from('198.51.100.1'),
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        const problem = (await response.body.json()) as { code: string };
        assert.equal(problem.code, 'too_many_requests');
        assert.ok(Number(response.headers['retry-after']) >= 1);
      } else await response.body.dump();
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.equal(
      gw.users.seen.filter((s) => s.url === '/api/v1/auth/login').length,
      3,
      'the 4th never reached users',
    );

    const profile = await request(`${gw.url}/api/v1/users/me`, from('198.51.100.1'));
    await profile.body.dump();
    assert.equal(profile.statusCode, 200, 'the general budget is separate');

    const otherClient = await request(`${gw.url}/api/v1/auth/login`, {
      method: 'POST',
      ...from('198.51.100.2'),
    });
    await otherClient.body.dump();
    assert.equal(otherClient.statusCode, 201, 'another address has its own budget');
  });

  it('limits everything else per client address too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await request(`${gw.url}/api/v1/products`, from('198.51.100.3'));
      await response.body.dump();
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429]);
    const health = await request(`${gw.url}/healthz`, from('198.51.100.3'));
    await health.body.dump();
    assert.equal(health.statusCode, 200, 'health checks are never limited');
  });

  it('gives signed payment webhooks a budget of their own, and unsigned ones the general one', async () => {
    const before = gw.orders.seen.length;
    const deliver = async (client: string, signed: boolean) => {
      const response = await request(`${gw.url}/api/v1/payments/webhook`, {
        method: 'POST',
        headers: {
          'x-forwarded-for': client,
          'content-type': 'application/json',
          ...(signed ? { 'stripe-signature': 't=1,v1=abc' } : {}),
        },
        body: '{"id":"evt_1"}',
      });
      await response.body.dump();
      return response.statusCode;
    };
    const signed: number[] = [];
    for (let i = 0; i < 13; i++) signed.push(await deliver('198.51.100.6', true));
    assert.deepEqual(signed, [...Array<number>(12).fill(201), 429], 'the webhook budget is 12 here');
    assert.equal(gw.orders.seen.length - before, 12, 'every delivery within it reached orders');

    const other = await request(`${gw.url}/api/v1/payments/other`, {
      method: 'POST',
      ...from('198.51.100.6'),
    });
    await other.body.dump();
    assert.equal(other.statusCode, 201, 'the deliveries drew nothing from the general budget');

    // Without a signature it is an ordinary request: the general budget (6 here) applies.
    const unsigned: number[] = [];
    for (let i = 0; i < 7; i++) unsigned.push(await deliver('198.51.100.16', false));
    assert.deepEqual(unsigned, [...Array<number>(6).fill(201), 429]);
  });

  it('believes X-Forwarded-For from a trusted proxy and passes on the client it names', async () => {
    const response = await request(`${gw.url}/api/v1/users/me`, {
      headers: { 'x-forwarded-for': '203.0.113.50, 198.51.100.9', 'x-forwarded-proto': 'https' },
    });
    await response.body.dump();
    const seen = gw.users.seen.at(-1)!.headers;
    // 127.0.0.1 is trusted, 198.51.100.9 is not: it is the client, and what it claims before it is
    // dropped. The service, trusting only the gateway, reads the client from the header alone.
    assert.equal(seen['x-forwarded-for'], '198.51.100.9');
    assert.equal(seen['x-forwarded-proto'], 'https');
  });

  it('answers CORS for the configured origins only', async () => {
    const allowed = await request(
      `${gw.url}/api/v1/products`,
      from('198.51.100.4', { origin: 'https://shop.example' }),
    );
    await allowed.body.dump();
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://shop.example');
    const exposed = String(allowed.headers['access-control-expose-headers']).split(/,\s*/);
    for (const name of ['idempotent-replayed', 'etag', 'location', 'retry-after', 'x-request-id']) {
      assert.ok(exposed.includes(name), `${name} is readable by the allowed origin`);
    }

    const other = await request(
      `${gw.url}/api/v1/products`,
      from('198.51.100.4', { origin: 'https://evil.example' }),
    );
    await other.body.dump();
    assert.equal(other.headers['access-control-allow-origin'], undefined);

    const preflight = await request(`${gw.url}/api/v1/cart/items`, {
      method: 'OPTIONS',
      headers: {
        'x-forwarded-for': '198.51.100.4',
        origin: 'https://shop.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    await preflight.body.dump();
    assert.equal(preflight.statusCode, 204);
    assert.match(String(preflight.headers['access-control-allow-methods']), /PUT/);
    assert.equal(
      gw.orders.seen.filter((s) => s.method === 'OPTIONS').length,
      0,
      'preflights stay at the gateway',
    );
  });

  it('sets the API security headers on API answers, proxied or refused at the gateway', async () => {
    for (const path of ['/api/v1/products/1', '/api/v1/nowhere']) {
      const response = await request(`${gw.url}${path}`, from('198.51.100.5'));
      await response.body.dump();
      assert.equal(response.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(response.headers['x-frame-options'], 'DENY', path);
      assert.equal(
        response.headers['content-security-policy'],
        "default-src 'none';frame-ancestors 'none'",
        path,
      );
      assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/, path);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', path);
      assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin', path);
      for (const pageOnly of [
        'x-dns-prefetch-control',
        'x-download-options',
        'x-xss-protection',
        'origin-agent-cluster',
      ])
        assert.equal(response.headers[pageOnly], undefined, `${path}: no ${pageOnly} on an API answer`);
      assert.equal(response.headers['x-powered-by'], undefined, path);
    }
  });

  it('sets the page security headers on the storefront and the API docs', async () => {
    for (const path of ['/', '/docs/']) {
      const response = await request(`${gw.url}${path}`, from('198.51.100.5'));
      await response.body.dump();
      assert.equal(response.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN', path);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: no inline scripts`);
      assert.match(csp, /img-src 'self' data: https:/, `${path}: product images from https origins`);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/, path);
      assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/, path);
      assert.equal(response.headers['cross-origin-opener-policy'], 'same-origin', path);
      assert.equal(response.headers['x-powered-by'], undefined, path);
    }
  });
});

describe('gateway edge: untrusted peers', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '2' });
  });
  after(() => gw.close());

  it('ignores X-Forwarded-For from an untrusted peer, so rotating it does not dodge the limit', async () => {
    const statuses: number[] = [];
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      const response = await request(`${gw.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'x-forwarded-for': client },
      });
      await response.body.dump();
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [201, 201, 429]);
    assert.equal(gw.users.seen.at(-1)!.headers['x-forwarded-for'], '127.0.0.1');
  });
});
