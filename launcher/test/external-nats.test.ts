/**
 * BUS_URL=nats://… with USERS_DATABASE_URL, PRODUCTS_DATABASE_URL and ORDERS_DATABASE_URL: the
 * whole shop on the machine's NATS JetStream and PostgreSQL, no embedded server and no bus
 * database; an event crosses from products to users over NATS. Needs NATS at NATS_URL (default
 * nats://127.0.0.1:4222): skipped with a notice without one, unless REQUIRE_EXTERNAL_SERVICES=1.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { createTestDatabase, waitFor, type TestDatabase, listening } from '@shop/platform/testing';
import { startStack, type Stack } from '../src/index.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const ADMIN = { email: 'nats-admin@launcher.test', password: 'a nats admin passphrase 7' };
const names = ['users', 'products', 'orders'] as const;
const databases: Partial<Record<(typeof names)[number], TestDatabase>> = {};
const streamPrefix = `launcher_${randomBytes(4).toString('hex')}`;
let dataDir: string;
let stack: Stack | undefined;

const reachable = await listening(NATS_URL, 4222);
if (!reachable && process.env.REQUIRE_EXTERNAL_SERVICES === '1')
  throw new Error(`REQUIRE_EXTERNAL_SERVICES=1 but no NATS answers at ${NATS_URL}`);
if (!reachable) console.log(`\n*** SKIPPING the launcher on NATS: no NATS at ${NATS_URL} ***\n`);

before(async () => {
  if (!reachable) return;
  for (const name of names) databases[name] = await createTestDatabase(`launcher_nats_${name}`);
  dataDir = await mkdtemp(join(tmpdir(), 'external-nats-'));
});

after(async () => {
  if (!reachable) return;
  await stack?.stop();
  for (const db of Object.values(databases)) await db.drop();
  await rm(dataDir, { recursive: true, force: true });
  const connection = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(connection);
    for (const stream of ['SHOP_EVENTS', 'SHOP_DEAD_LETTERS'])
      await jsm.streams.delete(`${streamPrefix}_${stream}`).catch(() => false);
  } finally {
    await connection.close();
  }
});

test(
  'the shop on NATS JetStream and external databases: no embedded server, no bus database, events over NATS',
  { skip: !reachable },
  async () => {
    const busUrl = new URL(NATS_URL);
    busUrl.searchParams.set('streamPrefix', streamPrefix);
    stack = await startStack({
      dataDir,
      ephemeralPorts: true,
      seedProducts: 0,
      logLevel: 'warn',
      onLog: () => undefined,
      env: {
        ...process.env,
        BUS_URL: busUrl.toString(),
        USERS_DATABASE_URL: databases.users!.url,
        PRODUCTS_DATABASE_URL: databases.products!.url,
        ORDERS_DATABASE_URL: databases.orders!.url,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ARGON2_MEMORY_KIB: '1024',
        ARGON2_ITERATIONS: '1',
      },
    });
    assert.equal(stack.embeddedPostgresPort, undefined, 'no embedded PostgreSQL');
    assert.deepEqual(await readdir(dataDir).then((files) => files.includes('postgres')), false);
    assert.equal(stack.databases.bus, undefined, 'no bus database');
    assert.equal(stack.busUrl, busUrl.toString(), 'every service has the NATS bus');

    const api = async (method: string, path: string, body: unknown, token?: string) => {
      const response = await fetch(`${stack!.gatewayUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    const login = await api('POST', '/api/v1/auth/login', ADMIN);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const admin = login.body.accessToken!;
    const category = await api('POST', '/api/v1/categories', { name: 'Lanterns' }, admin);
    assert.equal(category.status, 201, JSON.stringify(category.body));
    const product = await api(
      'POST',
      '/api/v1/products',
      {
        sku: `NATS-${randomUUID().slice(0, 8)}`,
        name: 'Paper lantern',
        description: 'Carried over NATS',
        price: 900,
        currency: 'EUR',
        categoryId: category.body.id,
        brand: 'Lumen',
        status: 'active',
      },
      admin,
    );
    assert.equal(product.status, 201, JSON.stringify(product.body));

    // products' outbox → NATS → users' catalogue view, in users' own database.
    const users = new pg.Client({ connectionString: databases.users!.url });
    await users.connect();
    try {
      await waitFor(
        async () => {
          const { rowCount } = await users.query('SELECT 1 FROM catalog_products WHERE product_id = $1', [
            product.body.id,
          ]);
          assert.equal(rowCount, 1, 'users learned of the product');
        },
        { timeoutMs: 20_000 },
      );
    } finally {
      await users.end();
    }
    const connection = await connect({ servers: NATS_URL });
    try {
      const info = await (await jetstreamManager(connection)).streams.info(`${streamPrefix}_SHOP_EVENTS`);
      console.log(`events in this stack's NATS stream: ${info.state.messages}`);
      assert.ok(info.state.messages > 0, 'the events went through NATS');
    } finally {
      await connection.close();
    }
  },
);
