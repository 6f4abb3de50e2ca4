/**
 * A service with several instances behind the gateway (ORDERS_URL=http://a,http://b): requests are
 * spread over them; a request that never reached an instance (it refused the connection) goes to
 * another, even a POST; one that reached an instance which then died is not sent again.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startFakeUpstream, type FakeUpstream } from './support/fake-upstream.js';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

const post = (url: string, body: object) =>
  request(`${url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });

describe('gateway: a service with several instances', () => {
  let gw: GatewayUnderTest;
  let a: FakeUpstream;
  let b: FakeUpstream;
  before(async () => {
    [a, b] = await Promise.all([startFakeUpstream('orders'), startFakeUpstream('orders')]);
    gw = await startGateway({ ORDERS_URL: `${a.url},${b.url}` });
  });
  after(async () => {
    await gw.close();
    await Promise.all([a.close(), b.close()]);
  });

  it('spreads requests over every instance', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await request(`${gw.url}/api/v1/orders?i=${i}`);
      await response.body.dump();
      assert.equal(response.statusCode, 200);
    }
    console.log(`20 requests: ${a.seen.length} to one instance, ${b.seen.length} to the other`);
    assert.ok(a.seen.length >= 5 && b.seen.length >= 5, `${a.seen.length} and ${b.seen.length}`);
  });

  it('sends a POST that an instance refused to the other one, once', async () => {
    await a.close(); // its port now refuses connections
    const before = { a: a.seen.length, b: b.seen.length };
    for (let i = 0; i < 10; i++) {
      const response = await post(gw.url, { i });
      const body = (await response.body.json()) as { upstream: string; body: string };
      assert.equal(response.statusCode, 201, JSON.stringify(body));
      assert.deepEqual(JSON.parse(body.body), { i }, 'the body went along');
    }
    assert.equal(a.seen.length, before.a, 'nothing reached the closed instance');
    assert.equal(b.seen.length - before.b, 10, 'every POST reached the other instance exactly once');
  });
});

describe('gateway: an instance that dies holding a request', () => {
  let gw: GatewayUnderTest;
  const servers: Server[] = [];
  let received = 0;
  before(async () => {
    // Two instances that read a request, then die without answering: it may have been handled.
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const server = createServer((incoming) => {
        incoming.resume();
        incoming.on('end', () => {
          if (incoming.method === 'POST') received += 1; // not the gateway's own health and document reads
          incoming.socket.destroy();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    }
    gw = await startGateway({ ORDERS_URL: urls.join(',') });
  });
  after(async () => {
    await gw.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('does not send it to another instance: the client gets a problem, the request went out once', async () => {
    const response = await post(gw.url, { once: true });
    const problem = (await response.body.json()) as { code: string };
    assert.equal(response.statusCode, 502, JSON.stringify(problem));
    assert.equal(received, 1, 'the POST reached one instance, once');
  });
});
