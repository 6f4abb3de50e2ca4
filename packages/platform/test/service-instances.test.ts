/**
 * A service with several instances: the client spreads calls over them, stops calling one that
 * refuses connections or fails its health check, sends a call that never reached an instance to
 * another (whatever its method), and calls an instance again once its health check passes.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, test } from 'node:test';
import { ServiceClient, ServiceInstances, serviceUrls } from '@shop/platform';

/** Polls until `condition` holds. */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Instance {
  name: string;
  port: number;
  server: Server | undefined;
  ready: boolean;
  calls: number;
}

const instances: Instance[] = [];

async function listen(instance: Instance): Promise<void> {
  const server = createServer((request, response) => {
    if (request.url === '/readyz') {
      response.writeHead(instance.ready ? 200 : 503).end();
      return;
    }
    instance.calls++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ instance: instance.name }));
  });
  await new Promise<void>((resolve) => server.listen(instance.port, '127.0.0.1', resolve));
  const address = server.address();
  instance.port = typeof address === 'object' && address ? address.port : 0;
  instance.server = server;
}

async function halt(instance: Instance): Promise<void> {
  const server = instance.server;
  instance.server = undefined;
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

async function startInstances(count: number): Promise<Instance[]> {
  const started: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const instance: Instance = { name: `i${i + 1}`, port: 0, server: undefined, ready: true, calls: 0 };
    await listen(instance);
    started.push(instance);
    instances.push(instance);
  }
  return started;
}

const urlsOf = (list: Instance[]) => list.map((i) => `http://127.0.0.1:${i.port}`).join(',');
const resetCalls = (list: Instance[]) => list.forEach((i) => (i.calls = 0));

after(async () => {
  for (const instance of instances) await halt(instance);
});

test('base URLs: one or a comma-separated list of origins; anything else is refused', () => {
  assert.deepEqual(serviceUrls('http://a:1'), ['http://a:1']);
  assert.deepEqual(serviceUrls(' http://a:1/ , http://b:2 '), ['http://a:1', 'http://b:2']);
  assert.throws(() => serviceUrls(''), /no base URL/);
  assert.throws(() => serviceUrls('http://a:1/api'), /without a path/);
  assert.throws(() => serviceUrls('ftp://a:1'), /not an http/);
  assert.throws(() => serviceUrls('http://a:1,http://a:1'), /listed twice/);
});

test('calls are spread over every instance', async () => {
  const three = await startInstances(3);
  const client = new ServiceClient({ service: 'spread', baseUrl: urlsOf(three), timeoutMs: 1000 });
  try {
    for (let i = 0; i < 60; i++) assert.equal((await client.get('/thing')).status, 200);
    console.log('calls per instance:', three.map((i) => i.calls).join(', '));
    for (const instance of three)
      assert.ok(instance.calls >= 10, `${instance.name} got ${instance.calls} of 60`);
  } finally {
    await client.close();
  }
});

test('an instance that goes down stops getting calls, even non-idempotent ones fail over, and it is called again once healthy', async () => {
  const [a, b] = await startInstances(2);
  const client = new ServiceClient({ service: 'failover', baseUrl: urlsOf([a!, b!]), timeoutMs: 1000 });
  try {
    for (let i = 0; i < 10; i++) await client.get('/warm');
    assert.ok(a!.calls > 0 && b!.calls > 0, 'both were called before');

    await halt(a!);
    // Its idle keep-alive connections are seen closed first (a request written on one as the
    // process died may have been handled: that one is not sent twice, unless idempotent).
    await new Promise((resolve) => setTimeout(resolve, 100));
    resetCalls([a!, b!]);
    // POSTs are not retried after a failure in general; one that never reached an instance is.
    for (let i = 0; i < 20; i++) {
      const response = await client.call({ method: 'POST', path: '/order', body: { i } });
      assert.equal(response.status, 200, `POST ${i} answered`);
    }
    assert.equal(b!.calls, 20, 'the survivor carried every call');

    await listen(a!); // same port, as a restarted replica
    await until(
      async () => {
        resetCalls([a!, b!]);
        for (let i = 0; i < 10; i++) await client.get('/again');
        return a!.calls > 0;
      },
      'the restarted instance to be called again',
      10_000,
    );
  } finally {
    await client.close();
  }
});

test('an instance whose health check fails leaves the rotation until it passes again', async () => {
  const [a, b] = await startInstances(2);
  const set = new ServiceInstances({ service: 'health', urls: urlsOf([a!, b!]), checkEveryMs: 100 });
  try {
    a!.ready = false;
    await until(() => set.inRotation.length === 1, 'a to leave the rotation');
    assert.deepEqual(set.inRotation, [`http://127.0.0.1:${b!.port}`]);
    resetCalls([a!, b!]);
    for (let i = 0; i < 10; i++) {
      const response = await set.dispatcher.request({ method: 'GET', path: '/x' });
      await response.body.dump();
    }
    assert.equal(a!.calls, 0, 'no call went to the unhealthy instance');

    // The last instance never leaves: callers get its own answer, not an empty rotation.
    b!.ready = false;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(set.inRotation.length, 1, 'one instance stays in the rotation');

    a!.ready = true;
    b!.ready = true;
    await until(() => set.inRotation.length === 2, 'a to rejoin');
  } finally {
    await set.close();
  }
});

test('one URL (a Kubernetes Service) is used as it is, without health checks', async () => {
  const [only] = await startInstances(1);
  only!.ready = false; // a single address is never taken out
  const client = new ServiceClient({ service: 'single', baseUrl: urlsOf([only!]), timeoutMs: 1000 });
  try {
    assert.equal((await client.get('/x')).status, 200);
  } finally {
    await client.close();
  }
});

test('a POST that reached an instance which then died is not sent to another: one delivery, a 503', async () => {
  let received = 0;
  const dying: Server[] = [];
  for (let i = 0; i < 2; i++) {
    // Reads the request whole, then dies without answering: it may have been handled.
    const server = createServer((incoming) => {
      incoming.resume();
      incoming.on('end', () => {
        if (incoming.method === 'POST') received += 1;
        incoming.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dying.push(server);
  }
  const baseUrl = dying.map((s) => `http://127.0.0.1:${(s.address() as { port: number }).port}`).join(',');
  const client = new ServiceClient({ service: 'dying', baseUrl, timeoutMs: 1000 });
  try {
    await assert.rejects(client.call({ method: 'POST', path: '/order', body: {} }), { status: 503 });
    assert.equal(received, 1, 'sent once');
  } finally {
    await client.close();
    for (const server of dying) await new Promise((resolve) => server.close(resolve));
  }
});
