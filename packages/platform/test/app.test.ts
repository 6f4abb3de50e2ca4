import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import {
  createApp,
  createGuards,
  createTokenVerifier,
  currentContext,
  defineError,
  outgoingTraceparent,
  requestContext,
} from '@shop/platform';
import { createTestIssuer } from '@shop/platform/testing';

class OrderNotCancellable extends defineError(
  'order_not_cancellable',
  'conflict',
  'The order can no longer be cancelled',
) {}

async function buildTestApp(databaseUp: () => boolean) {
  const issuer = await createTestIssuer();
  const guards = createGuards(createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }), {
    service: 'test',
  });
  const app = await createApp({
    service: 'test',
    logLevel: 'silent',
    readiness: {
      db: async () => {
        if (!databaseUp()) throw new Error('connection refused');
      },
    },
  });
  app.post(
    '/things',
    {
      schema: { body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }) },
    },
    async () => ({ ok: true }),
  );
  app.get(
    '/pages',
    { schema: { querystring: Type.Object({ limit: Type.Integer() }, { additionalProperties: false }) } },
    async (request) => ({ limit: request.query.limit }),
  );
  app.post('/orders/1/cancel', async () => {
    throw new OrderNotCancellable('It has shipped.');
  });
  app.get('/admin', { onRequest: guards.role('admin') }, async (request) => ({
    who: request.principal?.subject,
  }));
  return { app, issuer };
}

test('validation errors are problem+json naming the field', async () => {
  const { app } = await buildTestApp(() => true);
  const response = await app.inject({ method: 'POST', url: '/things', payload: { name: '', extra: 1 } });
  assert.equal(response.statusCode, 400);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, 'validation_failed');
  assert.ok(body.errors.length >= 1);
  assert.match(body.errors[0].field, /^body\./);
});

test('query strings are converted to their types; JSON bodies are not', async () => {
  const { app } = await buildTestApp(() => true);
  const page = await app.inject({ method: 'GET', url: '/pages?limit=5' });
  assert.deepEqual(page.json(), { limit: 5 });
  const numberForString = await app.inject({ method: 'POST', url: '/things', payload: { name: 5 } });
  assert.equal(numberForString.statusCode, 400);
  assert.equal(numberForString.json().errors[0].field, 'body.name');
});

test('domain errors map to their status with code and detail', async () => {
  const { app } = await buildTestApp(() => true);
  const response = await app.inject({ method: 'POST', url: '/orders/1/cancel' });
  assert.equal(response.statusCode, 409);
  assert.deepEqual(
    { code: response.json().code, detail: response.json().detail },
    { code: 'order_not_cancellable', detail: 'It has shipped.' },
  );
});

test('guards: 401 without a token, 403 without the role, 200 with it', async () => {
  const { app, issuer } = await buildTestApp(() => true);
  const anonymous = await app.inject({ method: 'GET', url: '/admin' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.headers['www-authenticate'], 'Bearer');
  const customer = await app.inject({
    method: 'GET',
    url: '/admin',
    headers: { authorization: `Bearer ${await issuer.userToken('u1')}` },
  });
  assert.equal(customer.statusCode, 403);
  const admin = await app.inject({
    method: 'GET',
    url: '/admin',
    headers: { authorization: `Bearer ${await issuer.userToken('u2', ['admin'])}` },
  });
  assert.deepEqual(admin.json(), { who: 'u2' });
  const service = await app.inject({
    method: 'GET',
    url: '/admin',
    headers: { authorization: `Bearer ${await issuer.serviceToken()}` },
  });
  assert.equal(service.statusCode, 401, 'a service token is not a user token');
});

test('liveness ignores dependencies; readiness reports them with 503', async () => {
  let up = false;
  const { app } = await buildTestApp(() => up);
  assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const notReady = await app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(notReady.statusCode, 503);
  assert.match(notReady.json().detail, /db \(connection refused\)/);
  up = true;
  assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
});

test('request ids are echoed, or generated when absent or unsafe', async () => {
  const { app } = await buildTestApp(() => true);
  const given = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
  assert.equal(given.headers['x-request-id'], 'abc-123');
  const unsafe = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'a b\nc' } });
  assert.notEqual(unsafe.headers['x-request-id'], 'a b\nc');
  assert.match(String(unsafe.headers['x-request-id']), /^[0-9a-f-]{36}$/);
});

test('metrics expose request counts per route template', async () => {
  const { app } = await buildTestApp(() => true);
  await app.inject({ method: 'GET', url: '/healthz' });
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  assert.match(metrics.body, /http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} 1/);
});

test('a request runs in its context (id, trace), or hands it over by hand when asyncContext is off', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const headers = { 'x-request-id': 'req-1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` };
  for (const asyncContext of [true, false]) {
    const app = await createApp({ service: 'test', logLevel: 'silent', asyncContext });
    app.get('/context', async (request) => ({
      current: currentContext() ?? null,
      given: requestContext(request),
      next: outgoingTraceparent(requestContext(request)),
    }));
    const body = (await app.inject({ method: 'GET', url: '/context', headers })).json();
    const expected = { requestId: 'req-1', traceId, parentSpanId: '00f067aa0ba902b7', sampled: true };
    assert.deepEqual(body.given, expected);
    assert.deepEqual(body.current, asyncContext ? expected : null, `asyncContext: ${asyncContext}`);
    assert.match(body.next, new RegExp(`^00-${traceId}-(?!00f067aa0ba902b7)[0-9a-f]{16}-01$`));

    const fresh = (await app.inject({ method: 'GET', url: '/context' })).json();
    assert.match(fresh.given.traceId, /^[0-9a-f]{32}$/);
    assert.notEqual(fresh.given.traceId, traceId, 'a request without a trace starts one');
  }
});

test('one line per request, with its id and trace; request.log lines carry them too', async () => {
  const lines: Record<string, unknown>[] = [];
  const logStream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const app = await createApp({ service: 'test', logLevel: 'info', logStream });
  app.get('/hello', async (request) => {
    request.log.warn({ detail: 'x' }, 'something to say');
    return { hello: 'world' };
  });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const response = await app.inject({
    method: 'GET',
    url: '/hello?x=1',
    headers: { 'x-request-id': 'req-42', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
  });
  assert.equal(response.statusCode, 200);
  const said = lines.find((line) => line.msg === 'something to say');
  assert.deepEqual(
    { reqId: said?.reqId, traceId: said?.traceId, service: said?.service, detail: said?.detail },
    { reqId: 'req-42', traceId, service: 'test', detail: 'x' },
  );
  const done = lines.find((line) => line.msg === 'request completed');
  assert.ok(done, 'the request line was written');
  assert.deepEqual(
    { ...done, time: undefined, ms: undefined, pid: undefined, hostname: undefined },
    {
      level: 30,
      service: 'test',
      reqId: 'req-42',
      traceId,
      method: 'GET',
      url: '/hello?x=*',
      status: 200,
      msg: 'request completed',
      time: undefined,
      ms: undefined,
      pid: undefined,
      hostname: undefined,
    },
  );
  assert.equal(typeof done.ms, 'number');
  await app.close();
});

test('secrets in logged objects are redacted; health probes write no request line', async () => {
  const lines: Record<string, unknown>[] = [];
  const logStream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const app = await createApp({ service: 'test', logLevel: 'info', logStream });
  app.post('/login', async (request) => {
    request.log.info({ attempt: { email: 'a@example.com', password: 'hunter2' } }, 'login attempt');
    app.log.info({ session: { refreshToken: 'r-123', accessToken: 'a-456' } }, 'session made');
    return { ok: true };
  });
  const response = await app.inject({ method: 'POST', url: '/login', payload: { password: 'hunter2' } });
  assert.equal(response.statusCode, 200);
  await app.inject({ method: 'GET', url: '/healthz' });
  await app.inject({ method: 'GET', url: '/readyz' });

  const attempt = lines.find((line) => line.msg === 'login attempt');
  assert.deepEqual(attempt?.attempt, { email: 'a@example.com', password: '[redacted]' });
  const session = lines.find((line) => line.msg === 'session made');
  assert.deepEqual(session?.session, { refreshToken: '[redacted]', accessToken: '[redacted]' });
  assert.ok(!JSON.stringify(lines).includes('hunter2'), 'the password appears nowhere');
  const requestLines = lines.filter((line) => line.msg === 'request completed');
  assert.deepEqual(
    requestLines.map((line) => line.url),
    ['/login'],
    'one request line, none for the probes',
  );
  await app.close();
});

test('a uuid is 36 characters in either case, read in lower case; a urn: prefix is a 400', async () => {
  const app = await createApp({ service: 'test', logLevel: 'silent' });
  app.get(
    '/things/:id',
    { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request) => ({ id: request.params.id }),
  );
  app.post(
    '/things',
    { schema: { body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' })) }) } },
    async (request) => ({ ids: request.body.ids }),
  );
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const upper = await app.inject({ url: `/things/${id.toUpperCase()}` });
  assert.equal(upper.statusCode, 200);
  assert.deepEqual(upper.json(), { id }, 'the handler sees the id in lower case');
  const inBody = await app.inject({ method: 'POST', url: '/things', payload: { ids: [id.toUpperCase()] } });
  assert.deepEqual(inBody.json(), { ids: [id] });
  for (const spelling of [`urn:uuid:${id}`, `{${id}}`, id.replaceAll('-', '')]) {
    const refused = await app.inject({ url: `/things/${encodeURIComponent(spelling)}` });
    assert.equal(refused.statusCode, 400, spelling);
    assert.match(String(refused.headers['content-type']), /application\/problem\+json/);
    assert.match(refused.json().detail, /id/, 'the problem names the field');
  }
  await app.close();
});
