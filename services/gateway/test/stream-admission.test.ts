import assert from 'node:assert/strict';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { request } from 'undici';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

interface OpenStream {
  status: number;
  body: Promise<string>;
  close(): void;
}

/** Opens `GET /api/v1/orders/:id/events` as a browser would (its own connection). */
function openStream(url: string, client: string, id = 'o1'): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req: ClientRequest = get(
      `${url}/api/v1/orders/${id}/events`,
      { headers: { accept: 'text/event-stream', 'x-forwarded-for': client }, agent: false },
      (response: IncomingMessage) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += String(chunk)));
        const body = new Promise<string>((done) => response.once('end', () => done(text)));
        resolve({ status: response.statusCode ?? 0, body, close: () => req.destroy() });
      },
    );
    req.once('error', reject);
  });
}

describe('gateway: live streams are admitted and travel apart', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({
      TRUSTED_PROXIES: '127.0.0.1',
      STREAMS_MAX: '6',
      STREAMS_PER_CLIENT: '4',
      UPSTREAM_CONNECTIONS: '2',
    });
  });
  after(() => gw.close());

  it('caps streams per client address and per replica with a 429 problem, and never takes ordinary connections', async () => {
    const open: OpenStream[] = [];
    try {
      for (let i = 0; i < 4; i++) open.push(await openStream(gw.url, '198.51.100.1'));
      assert.deepEqual(
        open.map((s) => s.status),
        [200, 200, 200, 200],
      );
      const fifth = await openStream(gw.url, '198.51.100.1');
      assert.equal(fifth.status, 429, 'a fifth stream from one address is refused');
      const problem = JSON.parse(await fifth.body) as { code: string };
      assert.equal(problem.code, 'too_many_streams');

      for (let i = 0; i < 2; i++) open.push(await openStream(gw.url, '198.51.100.2'));
      const beyond = await openStream(gw.url, '198.51.100.3');
      assert.equal(beyond.status, 429, 'the replica holds 6 streams at most, whoever opens them');
      await beyond.body;
      await waitFor(() => assert.equal(gw.orders.openStreams, 6, 'six streams reached orders'));

      // Six open streams, and the ordinary pool (2 connections) to orders is free for everyone.
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(`${gw.url}/api/v1/cart`, { headers: { 'x-forwarded-for': '198.51.100.9' } }),
        ),
      );
      for (const answer of answers) {
        await answer.body.dump();
        assert.equal(answer.statusCode, 200);
      }
      const webhook = await request(`${gw.url}/api/v1/payments/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
        body: '{}',
      });
      await webhook.body.dump();
      assert.equal(webhook.statusCode, 201, 'webhooks still reach orders');
    } finally {
      for (const stream of open) stream.close();
    }
    await waitFor(() => assert.equal(gw.orders.openStreams, 0, 'closed streams close upstream'));
    const again = await openStream(gw.url, '198.51.100.1');
    assert.equal(again.status, 200, 'a closed stream gives its place back');
    again.close();
  });

  it('gives the place back when the service refuses the stream', async () => {
    for (let i = 0; i < 6; i++) {
      const refused = await openStream(gw.url, '198.51.100.4', 'missing');
      assert.equal(refused.status, 404);
      await refused.body;
    }
    const admitted = await openStream(gw.url, '198.51.100.4');
    assert.equal(admitted.status, 200);
    admitted.close();
  });

  it('sends HEAD the ordinary way: it takes no stream place', async () => {
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await openStream(gw.url, '198.51.100.5'));
    try {
      for (let i = 0; i < 3; i++) {
        const head = await request(`${gw.url}/api/v1/orders/o1/events`, {
          method: 'HEAD',
          headers: { 'x-forwarded-for': '198.51.100.5' },
        });
        await head.body.dump();
        assert.equal(head.statusCode, 200, 'orders answers the HEAD itself (no 429)');
        assert.equal(gw.orders.seen.at(-1)?.method, 'HEAD', 'it came on the ordinary pool');
      }
      assert.equal(gw.orders.openStreams, 4, 'no HEAD opened a stream');
    } finally {
      for (const stream of held) stream.close();
    }
  });
});
