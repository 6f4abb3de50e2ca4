/**
 * What keeps live tracking from being used to hold the service's connections: a few streams per
 * user (a 429 before anything is streamed beyond them, staff counted the same), and an end to
 * every stream, after its maximum lifetime, when its access token expires and at shutdown, each
 * announced so the client resumes with Last-Event-ID.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createTestIssuer, waitFor } from '@shop/platform/testing';
import pg from 'pg';
import { buildApp, type AppDeps, type OrdersApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Customer, ProductRef } from './support/shop.js';
import { readEvents } from './support/sse.js';
import type { OrdersUnderTest } from './support/orders-under-test.js';

/** Registered by a test file that shares its world (one world start less per run). */
export function trackingLimitsTests(shared: () => OrdersUnderTest): void {
  let world: OrdersUnderTest;
  let alice: Customer;
  let bob: Customer;
  let admin: { id: string; token: string };
  let mug: ProductRef;

  const open = (
    baseUrl: string,
    orderId: string,
    token: string,
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ) =>
    fetch(`${baseUrl}/api/v1/orders/${orderId}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
      signal,
    });
  const paidOrder = async (customer: Customer) => {
    const placed = await world.checkout(customer, { items: [{ productId: mug.id, quantity: 1 }] });
    assert.equal(placed.body.status, 'paid');
    return placed.body as { id: string; timeline: { id: number }[] };
  };

  /** Another orders process on the same database, with other settings; stopped by the caller. */
  async function replica(env: Record<string, string>, deps: AppDeps = {}) {
    const app: OrdersApp = await buildApp(loadConfig({ ...world.ordersEnv, ...env }), deps);
    const url = await app.app.listen({ host: '127.0.0.1', port: 0 });
    await app.start();
    return {
      app,
      url,
      async stop() {
        await app.app.close();
        await app.stop();
      },
    };
  }

  describe('live tracking limits', () => {
    before(async () => {
      world = shared();
      admin = await world.shop.admin();
      [alice, bob] = await Promise.all([world.shop.customer('Alice'), world.shop.customer('Bob')]);
      mug = await world.shop.product({ price: 1000, stock: 100 });
    });

    test('a user holds at most 5 streams; the sixth is a 429 problem and nobody else is affected', async () => {
      const order = await paidOrder(alice);
      const streams = [];
      for (let i = 0; i < 5; i++) {
        const response = await open(world.ordersUrl, order.id, alice.token);
        assert.equal(response.status, 200);
        const stream = readEvents(response);
        assert.equal((await stream.next()).data.status, 'paid');
        streams.push(stream);
      }
      const refused = await open(world.ordersUrl, order.id, alice.token);
      assert.equal(refused.status, 429);
      assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After');
      const problem = (await refused.json()) as { code: string; limit: number };
      assert.equal(problem.code, 'too_many_streams');
      assert.equal(problem.limit, 5);
      assert.equal(world.orders.streams.count(alice.id), 5);
      assert.equal(world.orders.followers(), 5, 'the refused request follows nothing');

      // Bob still follows his order and uses his cart.
      const bobs = readEvents(await open(world.ordersUrl, (await paidOrder(bob)).id, bob.token));
      assert.equal((await bobs.next()).data.status, 'paid');
      assert.equal((await world.api('GET', '/api/v1/cart', { token: bob.token })).status, 200);

      // Staff count the same: an admin following Alice's order gets five streams too.
      const staff = [];
      for (let i = 0; i < 5; i++) {
        const response = await open(world.ordersUrl, order.id, admin.token);
        assert.equal(response.status, 200);
        staff.push(readEvents(response));
      }
      const staffRefused = await open(world.ordersUrl, order.id, admin.token);
      assert.equal(staffRefused.status, 429);
      await staffRefused.body?.cancel();

      // Closing one gives its place back.
      await streams.pop()!.close();
      await waitFor(() => assert.equal(world.orders.streams.count(alice.id), 4, 'the closed stream left'));
      const again = await open(world.ordersUrl, order.id, alice.token);
      assert.equal(again.status, 200);
      streams.push(readEvents(again));

      await Promise.all([...streams, ...staff, bobs].map((stream) => stream.close()));
      await waitFor(() => assert.equal(world.orders.streams.count(), 0, 'every stream was cleaned up'));
      await waitFor(() => assert.equal(world.orders.followers(), 0, 'nothing follows any order'));
    });

    test('a client that leaves while its order is still being read holds no stream', async () => {
      const own = await replica({});
      const order = await paidOrder(alice);
      // Reading the order waits on this lock, so the client is gone before its stream could open.
      const locker = new pg.Client({ connectionString: world.ordersEnv.DATABASE_URL });
      // Another connection watches: inside the locker's transaction pg_stat_activity is a snapshot.
      const watcher = new pg.Client({ connectionString: world.ordersEnv.DATABASE_URL });
      await Promise.all([locker.connect(), watcher.connect()]);
      const readsWaiting = async () => {
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'
             AND query LIKE '%FROM orders o WHERE o.id = $1%'`,
        );
        return rows[0]!.n;
      };
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
        const leaving = new AbortController();
        const request = open(own.url, order.id, alice.token, {}, leaving.signal).catch(() => undefined);
        await waitFor(async () => assert.ok((await readsWaiting()) >= 1, 'the order is being read'));
        leaving.abort();
        await request;
        await new Promise((resolve) => setTimeout(resolve, 100)); // the server sees the close
        await locker.query('COMMIT');
        await waitFor(async () => assert.equal(await readsWaiting(), 0, 'the read went on'));
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal(own.app.streams.count(), 0, 'no stream was left open for the departed client');
        assert.equal(own.app.followers(), 0, 'nothing follows the order');
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await Promise.all([locker.end(), watcher.end()]);
        await own.stop();
      }
    });

    test('HEAD opens no stream: it is refused at once', async () => {
      const order = await paidOrder(bob);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`${world.ordersUrl}/api/v1/orders/${order.id}/events`, {
            method: 'HEAD',
            headers: { authorization: `Bearer ${bob.token}` },
          }),
        ),
      );
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [404, 404, 404, 404, 404, 404],
      );
      assert.equal(world.orders.streams.count(bob.id), 0, 'no HEAD holds a place');
    });

    test('a stream ends after its maximum lifetime, saying so, and resumes with Last-Event-ID', async () => {
      const short = await replica({ ORDER_STREAM_MAX_SECONDS: '1' });
      try {
        const order = await paidOrder(alice);
        const stream = readEvents(await open(short.url, order.id, alice.token));
        const paid = await stream.next();
        assert.equal(paid.data.status, 'paid');
        const end = await stream.next();
        assert.equal(end.event, 'end');
        assert.deepEqual(end.data, { reason: 'lifetime', resume: true });
        assert.equal(await stream.ended(), true, 'the server closed the stream');
        await waitFor(() => assert.equal(short.app.streams.count(), 0, 'its place was given back'));

        await world.api('POST', `/api/v1/orders/${order.id}/ship`, {
          token: admin.token,
          body: { carrier: 'UPS', trackingNumber: '1Z1' },
        });
        const resumed = readEvents(
          await open(short.url, order.id, alice.token, { 'last-event-id': paid.id }),
        );
        assert.equal((await resumed.next()).data.status, 'shipped', 'only what came after the last event');
        await resumed.close();
      } finally {
        await short.stop();
      }
    });

    test('a stream ends when the access token it was opened with expires', async () => {
      const issuer = await createTestIssuer();
      const signed = await replica({}, { jwks: issuer.jwks });
      try {
        const order = await paidOrder(alice);
        const nearlyExpired = await issuer.userTokenExpiringIn(alice.id, 2);
        const stream = readEvents(await open(signed.url, order.id, nearlyExpired));
        assert.equal((await stream.next()).data.status, 'paid');
        const end = await stream.next();
        assert.deepEqual([end.event, end.data], ['end', { reason: 'token_expired', resume: true }]);
        assert.equal(await stream.ended(), true);
        await waitFor(() => assert.equal(signed.app.streams.count(), 0, 'its place was given back'));
      } finally {
        await signed.stop();
      }
    });

    test('shutdown ends every stream, saying it may resume', async () => {
      const leaving = await replica({});
      const order = await paidOrder(alice);
      const stream = readEvents(await open(leaving.url, order.id, alice.token));
      assert.equal((await stream.next()).data.status, 'paid');
      await leaving.stop();
      const end = await stream.next();
      assert.deepEqual([end.event, end.data], ['end', { reason: 'shutdown', resume: true }]);
      assert.equal(await stream.ended(), true);
    });
  });
}
