import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

/** Writes a request head and the start of its body, then one byte every `everyMs`; resolves with the answer. */
function trickle(
  port: number,
  head: string,
  everyMs: number,
): Promise<{ answer: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let bytesSent = 0;
    const timer = setInterval(() => {
      if (!socket.writable) return;
      socket.write('a');
      bytesSent += 1;
    }, everyMs);
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, bytesSent });
    });
    socket.on('error', (error) => {
      clearInterval(timer);
      if (answer) resolve({ answer, bytesSent });
      else reject(error);
    });
    socket.write(head);
  });
}

describe('gateway: slow bodies', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({ BODY_IDLE_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '3000' });
  });
  after(() => gw.close());
  const port = () => Number(new URL(gw.url).port);

  for (const [what, framing] of [
    ['a declared body', 'Content-Length: 500'],
    ['a chunked body', 'Transfer-Encoding: chunked'],
  ] as const) {
    it(`refuses ${what} that pauses longer than the idle limit with a 408 problem, and closes`, async () => {
      const before = gw.orders.seen.length;
      const { answer } = await trickle(
        port(),
        `POST /api/v1/payments/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${framing.startsWith('Transfer') ? '5\r\n{"a":\r\n' : '{"a":'}`,
        2000,
      );
      assert.match(answer, /^HTTP\/1\.1 408 /, answer);
      assert.match(answer, /"code":"request_timeout"/);
      assert.match(answer, /connection: close/i);
      assert.equal(gw.orders.seen.length, before, 'nothing half-sent reached orders');
    });
  }

  it('refuses a body that keeps trickling within the idle limit once the request timeout is up', async () => {
    const { answer } = await trickle(
      port(),
      'POST /api/v1/payments/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      100,
    );
    assert.match(answer, /^HTTP\/1\.1 408 /, answer);
  });
});
