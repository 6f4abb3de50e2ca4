/**
 * The foundation end to end: the whole stack started by the launcher (ephemeral ports, a temp
 * data folder), and a customer's first visit walked through the gateway only.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '@shop/launcher';
import { SignJWT, generateKeyPair } from 'jose';
import { waitFor } from '@shop/platform/testing';

// A 1×1 PNG: the avatar route sniffs and re-encodes real image bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

describe('foundation: the stack through the gateway', () => {
  let stack: Stack;
  let dataDir: string;
  const email = `e2e-${randomBytes(4).toString('hex')}@Shop.Example`;
  const password = 'correct horse battery staple 42';
  let userId: string;
  let accessToken: string;
  let refreshToken: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shop-e2e-'));
    stack = await startStack({
      dataDir,
      ephemeralPorts: true,
      seedProducts: 0,
      logLevel: 'warn',
      onLog: () => undefined,
      ...(process.env.TEST_DATABASE_URL
        ? {
            postgresUrl: process.env.TEST_DATABASE_URL,
            temporaryDatabasePrefix: `e2e_${randomBytes(4).toString('hex')}_`,
          }
        : {}),
      env: { ...process.env, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
    });
  });
  after(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; body?: Buffer; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${stack.gatewayUrl}${path}`, {
      method,
      headers,
      body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    });
    const type = response.headers.get('content-type') ?? '';
    const body = (type.includes('json') ? await response.json() : await response.text()) as T;
    return { status: response.status, body, headers: response.headers };
  }

  it('started every service, and a demo admin with a generated password', () => {
    assert.deepEqual(stack.skipped, []);
    assert.deepEqual(stack.started, ['payments-sandbox', 'users', 'products', 'orders', 'gateway']);
    assert.equal(stack.admin?.generated, true);
    assert.ok((stack.admin?.password.length ?? 0) >= 20);
  });

  it('registers a customer', async () => {
    const answer = await api<{ status: string; email: string; password?: string }>(
      'POST',
      '/api/v1/auth/register',
      {
        json: { email, password, name: 'Ada Lovelace' },
      },
    );
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { status: 'pending_verification', email: email.toLowerCase() });
    // The answer names no account; the new one tells its id once signed in.
    const login = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      json: { email, password },
    });
    const me = await api<{ id: string }>('GET', '/api/v1/users/me', { token: login.body.accessToken });
    userId = me.body.id;
  });

  it('verifies the email with the token from the captured mail', async () => {
    // The mailbox is a dev endpoint of users itself: the gateway must not route it.
    const hidden = await api('GET', `/dev/mailbox?to=${encodeURIComponent(email.toLowerCase())}`);
    assert.equal(hidden.status, 404);
    // The link carries its token in the fragment, which browsers never send (nor servers log).
    const link = await waitFor(async () => {
      const mailbox = await fetch(
        `${stack.urls.users}/dev/mailbox?to=${encodeURIComponent(email.toLowerCase())}`,
      );
      const { items } = (await mailbox.json()) as { items: { links: string[] }[] };
      const found = items.flatMap((mail) => mail.links).find((l) => l.includes('verify-email#token='));
      assert.ok(found, 'a verification link was mailed');
      return found;
    });
    const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
    const verified = await api('POST', '/api/v1/auth/verify-email', { json: { token } });
    assert.ok([200, 204].includes(verified.status), JSON.stringify(verified.body));
    const again = await api('POST', '/api/v1/auth/verify-email', { json: { token } });
    assert.ok(again.status >= 400, 'the token is single-use');
  });

  it('logs in and refreshes the session', async () => {
    const login = await api<{ accessToken: string; refreshToken: string; tokenType: string }>(
      'POST',
      '/api/v1/auth/login',
      { json: { email, password } },
    );
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.tokenType, 'Bearer');
    const refreshed = await api<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/api/v1/auth/refresh',
      {
        json: { refreshToken: login.body.refreshToken },
      },
    );
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.notEqual(refreshed.body.refreshToken, login.body.refreshToken);
    accessToken = refreshed.body.accessToken;
    refreshToken = refreshed.body.refreshToken;
  });

  it('reads and changes the profile', async () => {
    const me = await api<{ id: string; name: string; emailVerified: boolean }>('GET', '/api/v1/users/me', {
      token: accessToken,
    });
    assert.equal(me.status, 200);
    assert.equal(me.body.id, userId);
    assert.equal(me.body.emailVerified, true);
    const renamed = await api<{ name: string }>('PATCH', '/api/v1/users/me', {
      token: accessToken,
      json: { name: 'Ada King' },
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.name, 'Ada King');
  });

  it('uploads an avatar and serves it', async () => {
    const upload = await api<{ avatarUrl: string }>('PUT', '/api/v1/users/me/avatar', {
      token: accessToken,
      body: PNG,
      headers: { 'content-type': 'image/png' },
    });
    assert.equal(upload.status, 200, JSON.stringify(upload.body));
    const image = await fetch(`${stack.gatewayUrl}${upload.body.avatarUrl}`);
    assert.equal(image.status, 200);
    assert.match(image.headers.get('content-type') ?? '', /^image\//);
    assert.ok((await image.arrayBuffer()).byteLength > 0);
  });

  it('ignores spoofed identity headers', async () => {
    const headers = {
      'x-user-id': randomBytes(16).toString('hex'),
      'x-roles': 'admin',
      'x-forwarded-for': '10.0.0.1',
    };
    const anonymous = await api('GET', '/api/v1/users/me', { headers });
    assert.equal(anonymous.status, 401, 'headers are no identity');
    const notAdmin = await api('GET', '/api/v1/users', { token: accessToken, headers });
    assert.equal(notAdmin.status, 403, 'a customer claiming admin is still a customer');
    const me = await api<{ id: string }>('GET', '/api/v1/users/me', { token: accessToken, headers });
    assert.equal(me.body.id, userId);
  });

  it('never routes internal or dev endpoints', async () => {
    for (const [method, path] of [
      ['POST', '/internal/oauth/token'],
      ['GET', `/internal/users/${userId}`],
      ['GET', '/dev/mailbox?to=x@y.z'],
      ['GET', '/api/v1/users/../../internal/users/x'],
    ] as const) {
      const answer = await api<{ status: number }>(method, path, {
        json: method === 'POST' ? {} : undefined,
      });
      assert.ok([400, 404].includes(answer.status), `${method} ${path} answered ${answer.status}`);
    }
  });

  it('lets the demo admin in', async () => {
    const login = await api<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      json: { email: stack.admin!.email, password: stack.admin!.password },
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const users = await api<{ items: unknown[] }>('GET', '/api/v1/users', { token: login.body.accessToken });
    assert.equal(users.status, 200);
    assert.ok(users.body.items.length >= 2);
  });

  it('products and orders refuse forged tokens themselves, as users does', async () => {
    const [head, body] = accessToken.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { kid: string };
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const asAdmin = { ...claims, roles: ['customer', 'admin'] };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwks = (await (await fetch(`${stack.urls.users}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string; x: string }[];
    };
    const publicKey = jwks.keys.find((k) => k.kid === header.kid)!;
    const hsHead = b64({ alg: 'HS256', typ: 'at+jwt', kid: header.kid });
    const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forgeries: Record<string, string> = {
      'alg none': `${b64({ alg: 'none', typ: 'at+jwt', kid: header.kid })}.${b64(asAdmin)}.`,
      'roles edited, signature kept': `${head}.${b64(asAdmin)}.${accessToken.split('.')[2]}`,
      'HS256 keyed with the public key': `${hsHead}.${b64(asAdmin)}.${createHmac('sha256', publicKey.x)
        .update(`${hsHead}.${b64(asAdmin)}`)
        .digest('base64url')}`,
      'a foreign key under the real kid': await new SignJWT(asAdmin)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: header.kid })
        .sign(foreign.privateKey),
    };
    for (const [attack, token] of Object.entries(forgeries)) {
      const category = await api('POST', '/api/v1/categories', { token, json: { name: 'Forged' } });
      assert.equal(category.status, 401, `products, ${attack}`);
      const orders = await api('GET', '/api/v1/orders', { token });
      assert.equal(orders.status, 401, `orders, ${attack}`);
    }
    // The real token still works where a customer may go, and is no admin's.
    assert.equal((await api('GET', '/api/v1/orders', { token: accessToken })).status, 200);
    assert.equal(
      (await api('POST', '/api/v1/categories', { token: accessToken, json: { name: 'Nope' } })).status,
      403,
    );
  });

  it('logs out: the refresh token is dead', async () => {
    const logout = await api('POST', '/api/v1/auth/logout', { token: accessToken, json: { refreshToken } });
    assert.ok([200, 204].includes(logout.status), JSON.stringify(logout.body));
    const reuse = await api('POST', '/api/v1/auth/refresh', { json: { refreshToken } });
    assert.equal(reuse.status, 401);
  });

  it('serves the merged API document, the docs and the start page', async () => {
    const doc = await api<{ paths: Record<string, unknown> }>('GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/users/me/recommendations',
      '/api/v1/products',
      '/api/v1/products/{id}',
      '/api/v1/cart',
      '/api/v1/orders',
      '/api/v1/orders/{id}/events',
      '/api/v1/payments/webhook',
    ])
      assert.ok(paths.includes(path), `the merged document has ${path}`);
    assert.equal(paths.filter((p) => p.startsWith('/internal') || p.startsWith('/dev')).length, 0);
    assert.equal((await api('GET', '/docs')).status, 200);
    const home = await api<string>('GET', '/');
    assert.match(home.body, /\/docs/);
  });
});
