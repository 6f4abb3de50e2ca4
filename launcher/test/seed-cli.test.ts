/** `npm run seed -- --products N` against a products database given by PRODUCTS_DATABASE_URL. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { runScript } from './support/launcher-script.js';

let db: TestDatabase;

before(async () => {
  db = await createTestDatabase('launcher_seed');
});
after(() => db.drop());

async function seed(...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = runScript('launcher/src/seed-cli.ts', args, { ...process.env, PRODUCTS_DATABASE_URL: db.url });
  return { code: await run.exited, output: run.output() };
}

async function count(): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM products p JOIN inventory i ON i.product_id = p.id',
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

test('seeds the asked number of products, with stock, into an empty database (migrating it first)', async () => {
  const first = await seed('--products', '25');
  assert.equal(first.code, 0, first.output);
  assert.equal(await count(), 25);
});

test('refuses to seed over an existing catalogue, which stays as it was', async () => {
  const again = await seed('--products', '10');
  assert.equal(again.code, 1, again.output);
  assert.match(again.output, /not empty|already/i);
  assert.equal(await count(), 25);
});
