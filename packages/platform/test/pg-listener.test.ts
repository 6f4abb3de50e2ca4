/**
 * PgListener: hears NOTIFY, tells when it may have missed some (connection killed, or gone silent
 * as in a network partition) and when it hears everything again.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { PgListener, createPool, type Pool } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';

const log = pino({ level: process.env.TEST_LOG ?? 'silent' });

let db: TestDatabase;
let pool: Pool;

before(async () => {
  db = await createTestDatabase('platform_listener');
  pool = createPool({ connectionString: db.url });
});

after(async () => {
  await pool.end();
  await db.drop();
});

function recordingListener(connectionString: string, name: string, heartbeatMs = 5000) {
  const heard: string[] = [];
  const events: string[] = [];
  const listener = new PgListener({
    connectionString,
    channel: 'test_channel',
    name,
    log,
    retryMs: 50,
    heartbeatMs,
    whileLost: 'nothing to do',
    onNotification: (payload) => heard.push(payload),
    onListening: () => events.push('listening'),
    onLost: () => events.push('lost'),
  });
  return { listener, heard, events };
}

test('hears notifications, and after its connection is killed says so and comes back', async () => {
  const { listener, heard, events } = recordingListener(db.url, 'listener one');
  await listener.start();
  try {
    assert.deepEqual(events, ['listening']);
    await pool.query(`SELECT pg_notify('test_channel', 'first')`);
    await waitFor(() => assert.deepEqual(heard, ['first'], 'heard the first notice'));

    await pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listener one'`,
    );
    await waitFor(() => assert.deepEqual(events, ['listening', 'lost', 'listening'], 'lost, then back'));
    assert.equal(listener.listening, true);
    await pool.query(`SELECT pg_notify('test_channel', 'second')`);
    await waitFor(() => assert.deepEqual(heard, ['first', 'second'], 'heard after coming back'));
  } finally {
    await listener.stop();
  }
  assert.equal(listener.listening, false);
});

test('a connection that goes silent (packets no longer pass) is noticed by the heartbeat', async () => {
  // A TCP proxy in front of PostgreSQL that can stop passing bytes without closing anything.
  const target = new URL(db.url);
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => frozen || server.write(chunk));
    server.on('data', (chunk) => frozen || client.write(chunk));
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((proxy.address() as net.AddressInfo).port);

  const { listener, events } = recordingListener(proxied.toString(), 'listener two', 200);
  await listener.start();
  try {
    frozen = true; // the old connection hangs from here on; new ones would too until thawed
    await waitFor(() => assert.deepEqual(events, ['listening', 'lost'], 'the silence was noticed'), {
      timeoutMs: 5000,
    });
    frozen = false;
    for (const socket of sockets) socket.destroy(); // what the kernel does to a dead peer at last
    await waitFor(() => assert.equal(listener.listening, true, 'listening again'), { timeoutMs: 5000 });
  } finally {
    await listener.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  }
});
