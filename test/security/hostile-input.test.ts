/**
 * The security suite, part two, on a stack of its own that logs every request line (level info):
 * - no secret a journey used (passwords, access and refresh tokens, mailed link tokens, the 3-D
 *   Secure client secret) appears in any service's log;
 * - the framework's own refusals (a path parameter over 200 characters, malformed percent-encoding,
 *   a request line over 16 KB, bodies over a service's limit) are problem documents;
 * - a property-based run over every operation of the merged OpenAPI document, valid and hostile
 *   inputs at every auth level: every answer is a 2xx, 3xx or a 4xx problem+json, never a 5xx.
 *   FUZZ_SEED and FUZZ_REQUESTS repeat or widen it; the seed is printed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { request } from 'undici';
import { waitFor } from '@shop/platform/testing';
import { createCategory, createProduct } from '../e2e/support/catalog.js';
import { shippingAddress } from '../e2e/support/customers.js';
import { launchShop, type Shop } from '../e2e/support/shop.js';
import { tried } from './support/attack.js';
import {
  operationsOf,
  requestsFor,
  type FuzzRequest,
  type KnownIds,
  type OpenApiDocument,
} from './support/openapi-fuzz.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const PASSWORD = 'a hostile input passphrase 5';
const NEW_PASSWORD = 'the reset passphrase of ada 8';

/** Every line every service wrote, as the launcher hands them over. */
const lines: string[] = [];

describe('security: hostile input and leaks', () => {
  let shop: Shop;
  before(async () => {
    shop = await launchShop('hostile', {
      logLevel: 'info',
      onLog: (service, line) => void lines.push(`${service} ${line}`),
      env: {
        // The run comes from one address: the per-address budgets are not what is tested here.
        RATE_LIMIT_PER_MINUTE: '1000000',
        AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
        SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: '1000000',
      },
    });
  });
  after(async () => {
    await shop?.stop();
  });

  const mailedToken = async (email: string, path: string) =>
    waitFor(async () => {
      const link = (await shop.mailbox(email))
        .flatMap((mail) => mail.links)
        .find((l) => l.includes(`${path}#token=`));
      assert.ok(link, `a ${path} link was mailed to ${email}`);
      return new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
    });

  it('no secret of a whole journey appears in any log line', async (t) => {
    const admin = await shop.adminToken();
    const category = await createCategory(shop, admin, 'Leak lamps');
    const lamp = await createProduct(shop, admin, {
      name: 'Leak-proof lamp',
      price: 4200,
      categoryId: category.id,
      brand: 'Sealed',
      onHand: 10,
    });
    const email = `ada-${randomUUID().slice(0, 8)}@leaks.test`;
    const secrets: Record<string, string> = { 'first password': PASSWORD, 'new password': NEW_PASSWORD };
    assert.equal(
      (await shop.call('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Ada' } }))
        .status,
      202,
    );
    secrets['verification token'] = await mailedToken(email, 'verify-email');
    // An old mail's link, with the token in the query, as a browser would open it.
    assert.equal(
      (await shop.call('GET', `/verify-email?token=${secrets['verification token']}`)).status,
      200,
    );
    assert.equal(
      (
        await shop.call('POST', '/api/v1/auth/verify-email', {
          body: { token: secrets['verification token'] },
        })
      ).status,
      204,
    );
    const first = await shop.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
    secrets['first access token'] = first.body.accessToken;
    secrets['first refresh token'] = first.body.refreshToken;
    const refreshed = await shop.call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    secrets['refreshed access token'] = refreshed.body.accessToken;
    secrets['refreshed refresh token'] = refreshed.body.refreshToken;

    assert.equal((await shop.call('POST', '/api/v1/auth/forgot-password', { body: { email } })).status, 202);
    secrets['reset token'] = await mailedToken(email, 'reset-password');
    assert.equal((await shop.call('GET', `/reset-password?token=${secrets['reset token']}`)).status, 200);
    const reset = await shop.call('POST', '/api/v1/auth/reset-password', {
      body: { token: secrets['reset token'], password: NEW_PASSWORD },
    });
    assert.equal(reset.status, 204, JSON.stringify(reset.body));
    // Wrong passwords, then the unlock link.
    for (let i = 0; i < 3; i++)
      await shop.call('POST', '/api/v1/auth/login', { body: { email, password: `${PASSWORD} wrong ${i}` } });
    assert.equal((await shop.call('POST', '/api/v1/auth/unlock', { body: { email } })).status, 202);
    secrets['unlock token'] = await mailedToken(email, 'unlock');
    assert.equal(
      (await shop.call('POST', '/api/v1/auth/unlock/confirm', { body: { token: secrets['unlock token'] } }))
        .status,
      204,
    );
    const login = await shop.call('POST', '/api/v1/auth/login', { body: { email, password: NEW_PASSWORD } });
    assert.equal(login.status, 200);
    const token = (secrets['access token'] = login.body.accessToken as string);
    secrets['refresh token'] = login.body.refreshToken;

    // 3-D Secure: the bank's page and the return to the storefront carry the client secret.
    const placed = await shop.call('POST', '/api/v1/orders', {
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        paymentMethod: 'pm_card_threeDSecure2Required',
        shippingAddress: shippingAddress('Ada'),
        items: [{ productId: lamp.id, quantity: 1 }],
      },
    });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const bankPage = new URL(placed.body.payment.nextAction.redirectUrl as string);
    const clientSecret = (secrets['3-D Secure client secret'] = bankPage.searchParams.get('client_secret')!);
    assert.ok(clientSecret, 'the bank page is authorised by the client secret');
    assert.equal((await fetch(bankPage)).status, 200);
    const answered = await fetch(bankPage.origin + bankPage.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: clientSecret, outcome: 'succeed' }),
      redirect: 'manual',
    });
    const returnUrl = new URL(answered.headers.get('location')!);
    assert.equal(returnUrl.searchParams.get('payment_intent_client_secret'), clientSecret);
    assert.equal((await shop.call('GET', `${returnUrl.pathname}${returnUrl.search}`)).status, 200);
    await waitFor(async () => {
      const order = await shop.call('GET', `/api/v1/orders/${placed.body.id}`, { token });
      assert.equal(order.body.status, 'paid', 'the order is paid');
    });
    const out = await shop.call('POST', '/api/v1/auth/logout', {
      body: { refreshToken: login.body.refreshToken },
    });
    assert.equal(out.status, 204);

    // Lines leave in batches (200 ms); give them time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const leaked = Object.entries(secrets).flatMap(([what, secret]) => {
      const where = lines.filter((line) => line.includes(secret));
      return where.length > 0 ? [`${what} in ${where.length} line(s), e.g. ${where[0]!.slice(0, 300)}`] : [];
    });
    const requestLines = lines.filter((line) => line.includes('request completed')).length;
    tried(
      t,
      `a journey (register, verify by an old query link, refresh, reset by link, unlock, 3-D Secure checkout with its return URL, logout) using ${Object.keys(secrets).length} secrets`,
      leaked.length === 0
        ? `none of them in ${lines.length} log lines (${requestLines} request lines) of all services`
        : `LEAKED: ${leaked.join('; ')}`,
    );
    assert.ok(requestLines > 20, 'the stack logged its request lines');
    assert.deepEqual(leaked, []);
  });

  it("answers the framework's own refusals and bodies over a service's limit with problems", async (t) => {
    const gateway = shop.stack.gatewayUrl;
    const seen: string[] = [];
    const problem = async (what: string, response: Response, status: number) => {
      const type = response.headers.get('content-type') ?? '';
      const text = await response.text();
      seen.push(`${what}: ${response.status} ${type.split(';')[0]}`);
      assert.equal(response.status, status, `${what}: ${text}`);
      assert.match(type, /application\/problem\+json/, what);
      assert.equal(JSON.parse(text).status, status, what);
    };
    await problem(
      'a 201-character path parameter',
      await fetch(`${gateway}/api/v1/orders/${'a'.repeat(201)}/cancel`, { method: 'POST' }),
      414,
    );
    await problem(
      '%zz in the path',
      await fetch(`${gateway}/api/v1/orders/%zz/cancel`, { method: 'POST' }),
      400,
    );
    await problem('NUL in a path parameter', await fetch(`${gateway}/api/v1/products/%00`), 400);
    await problem('NUL in a query', await fetch(`${gateway}/api/v1/products?category=%00`), 400);
    await problem(
      'an integer past 64 bits',
      await fetch(`${gateway}/api/v1/products?minPrice=99999999999999999999`),
      400,
    );
    const register = (body: unknown) =>
      fetch(`${gateway}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await problem(
      'NUL in an email',
      await register({ email: 'x\u0000@a.test', password: PASSWORD, name: 'N' }),
      400,
    );

    // A request line over 16 KB never reaches a route: Node's parser refuses it.
    const { hostname, port } = new URL(gateway);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.write(`GET /api/v1/products?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: shop\r\n\r\n`);
    });
    seen.push(`a 17 KB request line: ${raw.split('\r\n')[0]}`);
    assert.match(raw, /^HTTP\/1\.1 431 /);
    assert.match(raw, /application\/problem\+json/);

    // Bodies between users' 64 KiB and the gateway's 1 MiB, declared and chunked: a 413, never a 502.
    const statuses: Record<string, number> = {};
    for (let i = 0; i < 20; i++) {
      const size = 64 * 1024 + 1 + ((i * 48_271) % (950 * 1024));
      const bytes = Buffer.alloc(size, 'a');
      const chunked = i % 2 === 1;
      const answer = await request(`${gateway}/api/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(size) }),
        },
        body: chunked ? Readable.from([bytes.subarray(0, size >> 1), bytes.subarray(size >> 1)]) : bytes,
      });
      await answer.body.dump();
      const key = `${chunked ? 'chunked' : 'declared'} ${answer.statusCode}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
    seen.push(`20 bodies of 64 KiB–1 MiB to a users route: ${JSON.stringify(statuses)}`);
    tried(t, 'framework-level refusals and oversized bodies', seen.join('; '));
    assert.deepEqual(statuses, { 'declared 413': 10, 'chunked 413': 10 });
  });

  it(`${REQUESTS} generated requests over every operation of the API document: never a 5xx, every 4xx a problem`, async (t) => {
    const document = (await shop.call('GET', '/api/v1/openapi.json')).body as OpenApiDocument;
    const operations = operationsOf(document);
    assert.ok(operations.length > 50, `the document has ${operations.length} operations`);
    const known = await knownIds(shop);
    const tokens = {
      none: undefined,
      customer: known.token,
      admin: await shop.adminToken(),
      forged: `${known.token!.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`,
    };
    const perOperation = Math.max(1, Math.ceil(REQUESTS / operations.length));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const requests = fc.sample(requestsFor(operation, document, known.ids), {
        seed: SEED + index,
        numRuns: perOperation,
      });
      for (const generated of requests) {
        const outcome = await send(shop, generated, tokens);
        sent += 1;
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.problem) failures.push(`${generated.shape}: ${outcome.problem} — ${summary(generated)}`);
      }
    }
    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    tried(
      t,
      `${sent} requests, ${perOperation} per operation over ${operations.length} operations, seed ${SEED} (FUZZ_SEED=${SEED} repeats it)`,
      failures.length === 0
        ? `statuses ${histogram.join(' ')}`
        : `${failures.length} bad answers; statuses ${histogram.join(' ')}`,
    );
    for (const failure of failures.slice(0, 15)) t.diagnostic(failure);
    assert.deepEqual(failures.slice(0, 15), []);
  });
});

/** Things that exist, so that generated paths find real resources as well as missing ones. */
async function knownIds(shop: Shop): Promise<{ ids: KnownIds; token: string }> {
  const admin = await shop.adminToken();
  const category = await createCategory(shop, admin, 'Fuzz tools');
  const product = await createProduct(shop, admin, {
    name: 'Fuzz hammer',
    price: 999,
    categoryId: category.id,
    brand: 'Chaos',
    onHand: 1000,
  });
  const email = `fuzz-${randomUUID().slice(0, 8)}@fuzz.test`;
  await shop.call('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Fuzz' } });
  const login = await shop.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  const token = login.body.accessToken as string;
  const address = await shop.call('POST', '/api/v1/users/me/addresses', {
    token,
    body: { ...shippingAddress('Fuzz'), label: 'home' },
  });
  const order = await shop.call('POST', '/api/v1/orders', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      paymentMethod: 'pm_card_visa',
      shippingAddress: shippingAddress('Fuzz'),
      items: [{ productId: product.id, quantity: 1 }],
    },
  });
  const review = await shop.call('POST', `/api/v1/products/${product.id}/reviews`, {
    token,
    body: { rating: 4, title: 'Sturdy', body: 'It survived the fuzzing.' },
  });
  // Not the customer's own id: an admin request disabling it would end the run's customer session.
  const ids = [category.id, product.id, address.body?.id, order.body?.id, review.body?.id].filter(
    (id): id is string => typeof id === 'string',
  );
  return { ids: { existing: ids }, token };
}

async function send(
  shop: Shop,
  generated: FuzzRequest,
  tokens: Record<FuzzRequest['auth'], string | undefined>,
): Promise<{ status: number; problem?: string }> {
  const token = tokens[generated.auth];
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request(`${shop.stack.gatewayUrl}${generated.url}`, {
      method: generated.method as 'GET',
      headers: { ...generated.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(generated.body === undefined ? {} : { body: generated.body }),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  } catch (error) {
    return { status: 0, problem: `no answer (${(error as Error).message})` };
  }
  const type = String(answer.headers['content-type'] ?? '');
  const text = await answer.body.text();
  const status = answer.statusCode;
  if (status >= 500) return { status, problem: `${status} ${text.slice(0, 200)}` };
  if (status >= 400) {
    if (!type.includes('application/problem+json'))
      return { status, problem: `${status} as ${type}: ${text.slice(0, 120)}` };
    try {
      const problem = JSON.parse(text) as { status?: number; code?: unknown };
      if (problem.status !== status || typeof problem.code !== 'string')
        return {
          status,
          problem: `${status} with a problem that says ${problem.status}/${String(problem.code)}`,
        };
    } catch {
      return { status, problem: `${status} problem+json that is not JSON` };
    }
  }
  return { status };
}

function summary(generated: FuzzRequest): string {
  const body = generated.body === undefined ? '' : ` body ${generated.body.slice(0, 160)}`;
  return `${generated.method} ${generated.url.slice(0, 200)}${body}`;
}
