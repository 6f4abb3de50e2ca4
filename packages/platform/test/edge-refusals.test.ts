import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { createApp } from '@shop/platform';
import { redactedUrl } from '../src/app/redacted-url.js';

async function appWithRoutes(
  options: { requestTimeoutMs?: number; logStream?: { write(line: string): void } } = {},
) {
  const app = await createApp({
    service: 'test',
    logLevel: options.logStream ? 'info' : 'silent',
    ...options,
  });
  app.post(
    '/notes/:id',
    {
      schema: {
        params: Type.Object({ id: Type.String() }),
        querystring: Type.Object({
          tag: Type.Optional(Type.String()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          ratio: Type.Optional(Type.Number({ maximum: 10 })),
        }),
        body: Type.Object({
          text: Type.String(),
          lines: Type.Optional(Type.Array(Type.Object({ line1: Type.String() }))),
          attributes: Type.Optional(Type.Record(Type.String(), Type.String())),
        }),
      },
    },
    async (request) => ({ id: request.params.id, text: request.body.text }),
  );
  return app;
}

/** Sends raw bytes and reads the whole answer until the server closes. */
function rawExchange(port: number, request: string, pauseAfterMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
    if (pauseAfterMs !== undefined) setTimeout(() => socket.writable && socket.write('x'), pauseAfterMs);
  });
}

describe('what the edge of every service refuses, as problems', () => {
  it('refuses control characters, half characters and infinite numbers anywhere, naming the field', async () => {
    const app = await appWithRoutes();
    const cases = [
      { url: '/notes/1', payload: { text: 'a\u0000b' }, field: 'body.text' },
      {
        url: '/notes/1',
        payload: { text: 'ok', lines: [{ line1: 'x\u001by' }] },
        field: 'body.lines.0.line1',
      },
      { url: '/notes/1', payload: { text: 'ok', attributes: { 'a\u0000': 'b' } }, field: 'body.attributes' },
      {
        url: '/notes/1',
        payload: { text: 'ok', attributes: { colour: 'r\u007fed' } },
        field: 'body.attributes.colour',
      },
      { url: '/notes/1?tag=a%00b', payload: { text: 'ok' }, field: 'query.tag' },
      { url: '/notes/%00', payload: { text: 'ok' }, field: 'params.id' },
      { url: '/notes/1', payload: { text: 'half an emoji \ud83d' }, field: 'body.text' },
      { url: '/notes/1?limit=Infinity', payload: { text: 'ok' }, field: 'query.limit' },
      { url: '/notes/1?ratio=1e400', payload: { text: 'ok' }, field: 'query.ratio' },
      { url: '/notes/1?ratio=-Infinity', payload: { text: 'ok' }, field: 'query.ratio' },
    ];
    for (const { url, payload, field } of cases) {
      const answer = await app.inject({ method: 'POST', url, payload });
      assert.equal(answer.statusCode, 400, `${url} ${JSON.stringify(payload)}`);
      assert.match(String(answer.headers['content-type']), /application\/problem\+json/);
      assert.equal(answer.json().code, 'validation_failed');
      assert.deepEqual(
        answer.json().errors.map((e: { field: string }) => e.field),
        [field],
        JSON.stringify(answer.json()),
      );
    }
    const kept = await app.inject({
      method: 'POST',
      url: '/notes/1',
      payload: { text: 'two\nlines\tand\r\n' },
    });
    assert.equal(kept.statusCode, 200, 'tabs and line breaks are text');
    assert.equal(kept.json().text, 'two\nlines\tand\r\n');
  });

  it('answers a path parameter over 200 characters and malformed percent-encoding with problems', async () => {
    const app = await appWithRoutes();
    const long = await app.inject({
      method: 'POST',
      url: `/notes/${'a'.repeat(201)}`,
      payload: { text: 'x' },
    });
    assert.equal(long.statusCode, 414);
    assert.match(String(long.headers['content-type']), /application\/problem\+json/);
    assert.equal(long.json().code, 'uri_too_long');
    const malformed = await app.inject({ method: 'POST', url: '/notes/%zz', payload: { text: 'x' } });
    assert.equal(malformed.statusCode, 400);
    assert.match(String(malformed.headers['content-type']), /application\/problem\+json/);
    assert.equal(malformed.json().code, 'bad_url');
  });

  it('answers headers over 16 KB and a request that does not arrive in time with problems, and closes', async () => {
    const app = await appWithRoutes({ requestTimeoutMs: 1000 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (app.server.address() as { port: number }).port;
      const huge = await rawExchange(
        port,
        `GET /notes/1?q=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      assert.match(huge, /^HTTP\/1\.1 431 /);
      assert.match(huge, /content-type: application\/problem\+json/i);
      assert.match(huge, /"code":"request_header_fields_too_large"/);

      // A body announced as 100 bytes that trickles in: refused when the request timeout is up.
      const slow = await rawExchange(
        port,
        'POST /notes/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        300,
      );
      assert.match(slow, /^HTTP\/1\.1 408 /);
      assert.match(slow, /"code":"request_timeout"/);
    } finally {
      await app.close();
    }
  });

  it('logs query names without their values in the request line', async () => {
    const lines: Record<string, unknown>[] = [];
    const logStream = {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    };
    const app = await appWithRoutes({ logStream });
    await app.inject({
      method: 'POST',
      url: '/notes/1?tag=pi_123_secret_abc&payment_intent_client_secret=pi_123_secret_abc',
      payload: { text: 'x' },
    });
    await app.close();
    const requestLine = lines.find((line) => line.msg === 'request completed');
    assert.equal(requestLine?.url, '/notes/1?tag=*&payment_intent_client_secret=*');
    assert.ok(!JSON.stringify(lines).includes('secret_abc'), 'the secret appears in no line');
  });

  it('redacts every value of a query, and a bare one whole', () => {
    assert.equal(redactedUrl('/a'), '/a');
    assert.equal(redactedUrl('/a?'), '/a?*');
    assert.equal(redactedUrl('/a?x=1&y=&z'), '/a?x=*&y=*&*');
    assert.equal(redactedUrl('/reset-password?token=abc'), '/reset-password?token=*');
  });
});
