import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { AppError, ServiceClient, contextFrom, runWithContext } from '@shop/platform';

let server: Server;
let baseUrl: string;
const hits: Record<string, number> = {};
let failNext = 0;

before(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path.startsWith('/flaky') && failNext > 0) {
      failNext--;
      response.writeHead(503).end();
      return;
    }
    if (path.startsWith('/down')) return void response.writeHead(500).end();
    if (path.startsWith('/slow')) return void setTimeout(() => response.writeHead(200).end('{}'), 2_000);
    if (path.startsWith('/missing')) {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"code":"not_found"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        ok: true,
        requestId: request.headers['x-request-id'] ?? null,
        traceparent: request.headers.traceparent ?? null,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('idempotent calls are retried after a transient failure', async () => {
  const client = new ServiceClient({ service: 'upstream', baseUrl, timeoutMs: 1000 });
  failNext = 1;
  const response = await client.call<{ ok: boolean }>({ method: 'GET', path: '/flaky/get' });
  assert.equal(response.status, 200);
  assert.equal(hits['/flaky/get'], 2);
  await client.close();
});

test('non-idempotent calls are sent once and fail as a 503 problem naming the service', async () => {
  const client = new ServiceClient({ service: 'upstream', baseUrl, timeoutMs: 1000 });
  failNext = 1;
  await assert.rejects(client.call({ method: 'POST', path: '/flaky/post', body: {} }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 503);
    assert.match(error.message, /upstream/);
    return true;
  });
  assert.equal(hits['/flaky/post'], 1);
  await client.close();
});

test('4xx answers are returned to the caller, who knows what they mean', async () => {
  const client = new ServiceClient({ service: 'upstream', baseUrl, timeoutMs: 1000 });
  const response = await client.call<{ code: string }>({ method: 'GET', path: '/missing' });
  assert.equal(response.status, 404);
  assert.equal(response.body.code, 'not_found');
  await client.close();
});

test('the circuit opens after consecutive failures and then fails fast without calling', async () => {
  const client = new ServiceClient({
    service: 'upstream',
    baseUrl,
    timeoutMs: 1000,
    attempts: 1,
    breaker: { failures: 3, halfOpenAfterMs: 60_000 },
  });
  for (let i = 0; i < 3; i++) await assert.rejects(client.call({ method: 'GET', path: '/down' }));
  const before = hits['/down'];
  await assert.rejects(client.call({ method: 'GET', path: '/down' }), /circuit open/);
  assert.equal(hits['/down'], before, 'no call while the circuit is open');
  await client.close();
});

test('an unreachable service is a 503, not a crash', async () => {
  const client = new ServiceClient({
    service: 'nowhere',
    baseUrl: 'http://127.0.0.1:9',
    timeoutMs: 500,
    attempts: 2,
  });
  await assert.rejects(client.call({ method: 'GET', path: '/' }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 503);
    return true;
  });
  await client.close();
});

test('a call made while handling a request carries its request id and trace to the next service', async () => {
  const client = new ServiceClient({ service: 'upstream', baseUrl, timeoutMs: 1000 });
  const context = contextFrom({
    requestId: 'req-42',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  });
  const response = await runWithContext(context, () =>
    client.call<{ requestId: string; traceparent: string }>({ method: 'GET', path: '/echo' }),
  );
  assert.equal(response.body.requestId, 'req-42');
  assert.match(
    response.body.traceparent,
    /^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-01$/,
    'the same trace, a new span for this hop',
  );
  await client.close();
});

test('a service that does not answer in time is a 503 naming it, after timeoutMs per attempt', async () => {
  const client = new ServiceClient({ service: 'sluggish', baseUrl, timeoutMs: 200, attempts: 2 });
  await assert.rejects(client.call({ method: 'GET', path: '/slow' }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 503);
    assert.match(error.message, /sluggish/);
    return true;
  });
  assert.equal(hits['/slow'], 2, 'an idempotent call is tried again after a timeout');
  await client.close();
});
