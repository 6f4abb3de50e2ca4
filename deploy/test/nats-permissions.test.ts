/**
 * The bus's permissions, run for real: a NATS server started from the dev overlay's own nats.conf
 * (on free ports, a temporary store), and the platform's NATS adapter connecting as each service
 * with its credentials. Each service can do everything the adapter does for its own subscriptions
 * (declare, consume, acknowledge, dead-letter, replay) and publish its own events, and is refused
 * when it publishes another service's. Needs a nats-server binary (Debian's nats-server, or
 * NATS_SERVER_BIN); skipped without one unless REQUIRE_EXTERNAL_SERVICES=1.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createBus, freePort, type Bus, type EventEnvelope } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import pino from 'pino';
import { DEPLOY } from './rendered.js';

const binary = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const available = existsSync(binary);
if (!available && process.env.REQUIRE_EXTERNAL_SERVICES === '1')
  throw new Error(`REQUIRE_EXTERNAL_SERVICES=1 but there is no nats-server at ${binary}`);

const PASSWORDS = {
  users: 'users-test-password',
  products: 'products-test-password',
  orders: 'orders-test-password',
};
const log = pino({ level: 'silent' });

const event = (type: string, source: string): EventEnvelope => ({
  id: randomUUID(),
  type,
  source,
  aggregateId: randomUUID(),
  occurredAt: new Date().toISOString(),
  payload: {},
});

describe(
  'NATS permissions of the dev overlay',
  { skip: available ? false : `no nats-server at ${binary}` },
  () => {
    let server: ChildProcess;
    let dir: string;
    let port: number;
    const buses: Bus[] = [];
    const busOf = async (service: keyof typeof PASSWORDS) => {
      const bus = await createBus(
        `nats://${service}:${PASSWORDS[service]}@127.0.0.1:${port}?retryLimit=1`,
        log,
      );
      await bus.start();
      buses.push(bus);
      return bus;
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'nats-permissions-'));
      port = await freePort();
      const conf = readFileSync(join(DEPLOY, 'k8s/overlays/dev/infra/nats.conf'), 'utf8')
        .replace(/^port: \d+$/m, `port: ${port}`)
        .replace(/^http_port: \d+$/m, `http_port: ${await freePort()}`)
        .replace(/store_dir: \S+/, `store_dir: ${join(dir, 'data')}`);
      assert.match(conf, new RegExp(`port: ${port}`), 'the conf names its port as expected');
      writeFileSync(join(dir, 'nats.conf'), conf);
      server = spawn(binary, ['-c', join(dir, 'nats.conf')], {
        env: {
          ...process.env,
          USERS_NATS_PASSWORD: PASSWORDS.users,
          PRODUCTS_NATS_PASSWORD: PASSWORDS.products,
          ORDERS_NATS_PASSWORD: PASSWORDS.orders,
        },
        stdio: 'ignore',
      });
      await waitFor(async () => {
        const probe = await busOf('users').catch(() => undefined);
        assert.ok(probe, 'the server takes the users credentials');
      });
    });
    after(async () => {
      for (const bus of buses) await bus.stop().catch(() => undefined);
      server?.kill('SIGTERM');
      await new Promise((resolve) =>
        server?.exitCode === null ? server.once('exit', resolve) : resolve(null),
      );
      rmSync(dir, { recursive: true, force: true });
    });

    test("each service publishes its own events and consumes others', with dead letters and replays", async () => {
      const [users, orders] = [await busOf('users'), await busOf('orders')];
      let fail = true;
      const handled: string[] = [];
      const subscription = { name: 'users.notifications', events: ['order.paid.v1'] };
      await users.consume(subscription, async (e) => {
        if (fail) throw new Error('the mail server is down');
        handled.push(e.id);
      });
      const paid = event('order.paid.v1', 'orders');
      await orders.publish([paid]);
      const letters = await waitFor(
        async () => {
          const found = await users.deadLetters([subscription.name]);
          assert.equal(found.length, 1, 'users dead-lettered it under its own subject');
          return found;
        },
        { timeoutMs: 30_000 },
      );
      fail = false;
      assert.equal(await users.replayDeadLetter(subscription.name, letters[0]!.id), true);
      await waitFor(() => assert.deepEqual(handled, [paid.id], 'replayed to users'));
      await users.publish([event('user.registered.v1', 'users')]);
    });

    test("a service may not publish another service's events, nor replay into another's subscriptions", async () => {
      const products = await busOf('products');
      await assert.rejects(
        products.publish([event('order.paid.v1', 'products')]),
        'products is refused order.paid.v1',
      );
      const raw = await connect({ servers: `127.0.0.1:${port}`, user: 'products', pass: PASSWORDS.products });
      try {
        await assert.rejects(
          jetstream(raw).publish(
            'replay.users.users_notifications.order.paid.v1',
            new TextEncoder().encode('{}'),
          ),
          'products cannot replay into users',
        );
      } finally {
        await raw.close();
      }
      await products.publish([event('product.updated.v1', 'products')]);
    });
  },
);

/** The publish allow list of each user in the dev overlay's nats.conf. */
function devPermissions(): Map<string, string[]> {
  const conf = readFileSync(join(DEPLOY, 'k8s/overlays/dev/infra/nats.conf'), 'utf8');
  const users = new Map<string, string[]>();
  for (const match of conf.matchAll(/user: (\w+)[\s\S]*?publish: \{ allow: \[([\s\S]*?)\] \}/g)) {
    users.set(
      match[1]!,
      [...match[2]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!),
    );
  }
  return users;
}

test('production gives each service the permissions of dev, without creating streams (NACK does), and NACK its own user', () => {
  const values = parse(readFileSync(join(DEPLOY, 'k8s/overlays/production/nats-values.yaml'), 'utf8')) as {
    config: {
      merge: {
        authorization: {
          users: { user: string; password: string; permissions: { publish: { allow: string[] } } }[];
        };
      };
    };
    container: { env: Record<string, { valueFrom: { secretKeyRef: { name: string; key: string } } }> };
  };
  const production = new Map(
    values.config.merge.authorization.users.map((u) => [u.user, u.permissions.publish.allow]),
  );
  const dev = devPermissions();
  assert.deepEqual([...dev.keys()], ['users', 'products', 'orders']);
  for (const [user, allow] of dev) {
    assert.deepEqual(
      production.get(user),
      allow.filter((subject) => !subject.startsWith('$JS.API.STREAM.CREATE.')),
      `${user}: the same permissions in production`,
    );
    const own = allow.filter((subject) => subject.startsWith('events.'));
    for (const other of dev.keys())
      if (other !== user)
        for (const subject of own)
          assert.ok(!dev.get(other)!.includes(subject), `${subject} is ${user}'s alone`);
  }
  assert.deepEqual(production.get('nack'), ['$JS.API.>']);
  for (const user of values.config.merge.authorization.users) {
    const variable = /^<< \$(\w+) >>$/.exec(user.password)?.[1];
    assert.ok(variable, `${user.user}: the password comes from the environment`);
    assert.deepEqual(values.container.env[variable]?.valueFrom.secretKeyRef, {
      name: 'nats-auth',
      key: variable,
    });
  }
});
