/**
 * Replicas of a service start together and each migrates its database first: the migrator takes a
 * lock, so every migration runs exactly once and the others find the schema up to date.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { migrateDatabase } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';

let db: TestDatabase;
let migrations: string;

before(async () => {
  db = await createTestDatabase('platform_migrate_replicas');
  migrations = await mkdtemp(join(tmpdir(), 'shop-migrations-'));
  // Neither statement may run twice: a second CREATE fails, a second INSERT is a second row.
  await writeFile(
    join(migrations, '001_runs.sql'),
    `CREATE TABLE runs (at timestamptz NOT NULL DEFAULT now());
     INSERT INTO runs DEFAULT VALUES;
     SELECT pg_sleep(0.2);`,
  );
  await writeFile(join(migrations, '002_more.sql'), `INSERT INTO runs DEFAULT VALUES;`);
});

after(async () => {
  await db.drop();
  await rm(migrations, { recursive: true, force: true });
});

test('four replicas migrating at once apply each migration once', async () => {
  const applied = await Promise.all(
    [1, 2, 3, 4].map((replica) => migrateDatabase(db.url, migrations, `replica-${replica}`)),
  );
  const everything = applied.flat().filter((name) => !name.startsWith('000'));
  console.log(
    'applied by each replica:',
    JSON.stringify(applied.map((names) => names.filter((n) => !n.startsWith('000')))),
  );
  assert.deepEqual(everything.sort(), ['001_runs', '002_more'], 'each migration applied by one replica');
  assert.equal(applied.filter((names) => names.length > 0).length, 1, 'one replica did all the work');

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM runs');
    assert.equal(Number(rows[0]!.count), 2, 'each INSERT ran once');
  } finally {
    await client.end();
  }
  assert.deepEqual(
    await migrateDatabase(db.url, migrations, 'late-replica'),
    [],
    'a later start has nothing to do',
  );
});
