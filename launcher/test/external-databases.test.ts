/**
 * With USERS_DATABASE_URL, PRODUCTS_DATABASE_URL, ORDERS_DATABASE_URL and BUS_DATABASE_URL set,
 * the launcher starts no PostgreSQL of its own and each service uses the database it was given.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { startStack, type Stack } from '../src/index.js';

const names = ['users', 'products', 'orders', 'bus'] as const;
const databases: Partial<Record<(typeof names)[number], TestDatabase>> = {};
let dataDir: string;
let stack: Stack | undefined;

before(async () => {
  for (const name of names) databases[name] = await createTestDatabase(`launcher_ext_${name}`);
  dataDir = await mkdtemp(join(tmpdir(), 'external-dbs-'));
});

after(async () => {
  await stack?.stop();
  for (const db of Object.values(databases)) await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

test('each service runs on the database given in its variable, and no embedded server starts', async () => {
  stack = await startStack({
    dataDir,
    ephemeralPorts: true,
    seedProducts: 0,
    logLevel: 'warn',
    onLog: () => undefined,
    env: {
      ...process.env,
      USERS_DATABASE_URL: databases.users!.url,
      PRODUCTS_DATABASE_URL: databases.products!.url,
      ORDERS_DATABASE_URL: databases.orders!.url,
      BUS_DATABASE_URL: databases.bus!.url,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
    },
  });
  assert.equal(stack.embeddedPostgresPort, undefined, 'no embedded PostgreSQL');
  assert.deepEqual(await readdir(dataDir).then((files) => files.includes('postgres')), false);
  for (const name of names) assert.ok(stack.databases[name]?.startsWith(databases[name]!.url.split('?')[0]!));

  const registered = await fetch(`${stack.gatewayUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ext@launcher.test', password: 'an external passphrase 7', name: 'Ext' }),
  });
  assert.equal(registered.status, 202);
  const client = new pg.Client({ connectionString: databases.users!.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM users WHERE email = 'ext@launcher.test'",
    );
    assert.equal(rows[0].n, 1, 'the account is in the given users database');
  } finally {
    await client.end();
  }
});
