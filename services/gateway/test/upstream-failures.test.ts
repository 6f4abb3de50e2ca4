import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { request } from 'undici';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

interface Problem {
  status: number;
  code: string;
  detail?: string;
}

describe('gateway: bodies, failures and streams', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({
      BODY_LIMIT_BYTES: '2048',
      AVATAR_BODY_LIMIT_BYTES: '8192',
      UPSTREAM_TIMEOUT_MS: '300',
    });
  });
  after(() => gw.close());

  it('refuses a declared body over the limit before the service sees it', async () => {
    const before = gw.users.seen.length;
    const response = await request(`${gw.url}/api/v1/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(4000) }),
    });
    const problem = (await response.body.json()) as Problem;
    assert.equal(response.statusCode, 413);
    assert.equal(problem.code, 'payload_too_large');
    assert.equal(gw.users.seen.length, before, 'nothing reached users');
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const before = gw.users.seen.length;
    const chunks = Readable.from(Array.from({ length: 8 }, () => Buffer.alloc(1024, 'a')));
    const response = await request(`${gw.url}/api/v1/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/octet-stream' },
      body: chunks,
    });
    const problem = (await response.body.json()) as Problem;
    assert.equal(response.statusCode, 413);
    assert.equal(problem.code, 'payload_too_large');
    assert.equal(gw.users.seen.length, before, 'no half body was accepted by users');
  });

  it('forwards a small body whole, and nothing at all of one whose client leaves halfway', async () => {
    const sent = await request(`${gw.url}/api/v1/users/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    assert.equal(sent.statusCode, 200);
    assert.equal(((await sent.body.json()) as { body: string }).body, '{"name":"Ada"}');

    const before = gw.users.seen.length;
    const url = new URL(gw.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'PATCH /api/v1/users/me HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\n\r\n{"name":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(gw.users.seen.length, before, 'no half body reached users');
    const health = await request(`${gw.url}/healthz`);
    assert.equal(health.statusCode, 200, 'the gateway carries on');
    await health.body.dump();
  });

  it('lets the avatar upload be larger, up to its own limit', async () => {
    const ok = await request(`${gw.url}/api/v1/users/me/avatar`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: Buffer.alloc(6000, 1),
    });
    assert.equal(ok.statusCode, 200);
    const echoed = (await ok.body.json()) as { body: string; url: string };
    assert.equal(echoed.url, '/api/v1/users/me/avatar');
    assert.equal(echoed.body.length, 6000);

    const tooBig = await request(`${gw.url}/api/v1/users/me/avatar`, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: Buffer.alloc(9000, 1),
    });
    await tooBig.body.dump();
    assert.equal(tooBig.statusCode, 413);
  });

  it('answers 504 when a service does not answer in time', async () => {
    const response = await request(`${gw.url}/api/v1/products/slow`);
    const problem = (await response.body.json()) as Problem;
    assert.equal(response.statusCode, 504);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(problem.code, 'upstream_timeout');
    assert.match(problem.detail ?? '', /products/);
  });

  it('answers 502 when a service breaks the connection', async () => {
    const response = await request(`${gw.url}/api/v1/orders/broken`);
    const problem = (await response.body.json()) as Problem;
    assert.equal(response.statusCode, 502);
    assert.equal(problem.code, 'upstream_failed');
  });

  it('answers 503 naming the service when it is down, and keeps routing the others', async () => {
    await gw.orders.close();
    const response = await request(`${gw.url}/api/v1/orders`);
    const problem = (await response.body.json()) as Problem;
    assert.equal(response.statusCode, 503);
    assert.equal(problem.code, 'upstream_unavailable');
    assert.match(problem.detail ?? '', /orders/);
    assert.equal(response.headers['retry-after'], '1');

    const users = await request(`${gw.url}/api/v1/users/me`);
    await users.body.dump();
    assert.equal(users.statusCode, 200);
  });

  for (const accept of ['text/event-stream', undefined]) {
    it(`streams Server-Sent Events unbuffered, past the upstream timeout, and closes upstream when the client leaves (Accept: ${accept ?? 'none'})`, async () => {
      gw.users.streamClosed = false;
      const { response, events, disconnect } = await openEventStream(`${gw.url}/api/v1/users/events`, accept);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/event-stream');
      // Six events 100 ms apart outlive the 300 ms upstream timeout: the answer's type decides.
      assert.deepEqual(await events(6), ['id: 1', 'id: 2', 'id: 3', 'id: 4', 'id: 5', 'id: 6']);
      assert.equal(gw.users.streamClosed, false);
      disconnect();
      await waitFor(() => assert.equal(gw.users.streamClosed, true, 'the upstream stream was closed'));
    });
  }

  it('answers 504 when a small answer stalls past the upstream timeout (it is read whole before it is sent)', async () => {
    const response = await request(`${gw.url}/api/v1/products/stalled`);
    assert.equal(response.statusCode, 504);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const problem = (await response.body.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'upstream_timeout');
    assert.match(problem.detail, /products service did not finish its answer/);
  });

  it('answers 502 when a small answer breaks off halfway', async () => {
    const response = await request(`${gw.url}/api/v1/products/cut-short`);
    assert.equal(response.statusCode, 502);
    assert.equal(((await response.body.json()) as { code: string }).code, 'upstream_failed');
  });

  it('cuts a large streamed answer whose body stalls past the upstream timeout', async () => {
    const response = await request(`${gw.url}/api/v1/products/stalled-large`);
    assert.equal(response.statusCode, 200, 'the head had already gone out');
    await assert.rejects(response.body.text(), 'the client sees the answer broken off, not a silent hang');
  });
});

/** An EventSource-like client on a raw socket, so leaving closes the connection as a browser does. */
async function openEventStream(url: string, accept: string | undefined) {
  const req = get(url, { headers: accept ? { accept } : {}, agent: false });
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve).once('error', reject);
  });
  const events = (count: number) =>
    new Promise<string[]>((resolve) => {
      const seen: string[] = [];
      response.on('data', (chunk: Buffer) => {
        seen.push(...(String(chunk).match(/id: \d+/g) ?? []));
        if (seen.length >= count) resolve(seen.slice(0, count));
      });
    });
  return { response, events, disconnect: () => req.destroy() };
}
