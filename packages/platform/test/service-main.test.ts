import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { ChildServiceError, startChildService } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';

const MAIN = join(import.meta.dirname, 'fixtures/service-main/main.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The URL the service reported over IPC, when it got that far. */
  url?: string;
}

/** Runs the fixture service; once it reports ready, stops it with SIGTERM as a launcher would. */
async function run(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const output = { stdout: [] as string[], stderr: [] as string[] };
  const result: Run = { code: null, stdout: '', stderr: '' };
  try {
    const service = await startChildService({
      name: 'fixture',
      entry: MAIN,
      args,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
      onOutput: (line, stream) => output[stream].push(line),
    });
    result.url = service.url;
    result.code = (await service.stop('SIGTERM')).code;
  } catch (error) {
    // The migrate command, and a service that cannot start, exit without reporting ready.
    if (!(error instanceof ChildServiceError) || !error.exit) throw error;
    result.code = error.exit.code;
  }
  result.stdout = output.stdout.map((line) => `${line}\n`).join('');
  result.stderr = output.stderr.map((line) => `${line}\n`).join('');
  return result;
}

describe('runServiceMain and runMigrationsCommand', () => {
  let database: TestDatabase;
  const tables = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      return rows.map((row) => row.name);
    } finally {
      await client.end();
    }
  };

  before(async () => {
    database = await createTestDatabase('platform_main');
  });
  after(async () => {
    await database.drop();
  });

  test('a bad environment is one message naming the variables, without a stack, and exit code 1', async () => {
    const result = await run({ PORT: 'eighty' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^fixture: Invalid configuration:/);
    assert.match(result.stderr, /DATABASE_URL is required/);
    assert.match(result.stderr, /PORT .*\(got "eighty"\)/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(result.url, undefined, 'never listened');
  });

  test('MIGRATE_ON_START=false starts without touching the schema', async () => {
    const result = await run({ DATABASE_URL: database.url, MIGRATE_ON_START: 'false' });
    assert.ok(result.url?.startsWith('http://127.0.0.1:'), result.stderr);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /fixture stopped/, 'stop() ran on SIGTERM');
    assert.deepEqual(await tables(database.url), []);
  });

  test('by default the migrations run before the service listens', async () => {
    const result = await run({ DATABASE_URL: database.url });
    assert.ok(result.url, result.stderr);
    assert.equal(result.code, 0, result.stderr);
    assert.ok((await tables(database.url)).includes('things'));
  });

  test('the migrate command needs DATABASE_URL, applies what is missing, then finds nothing to do', async () => {
    const missing = await run({}, ['migrate']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^fixture migrate: DATABASE_URL is required/);

    const fresh = await createTestDatabase('platform_migrate');
    try {
      const first = await run({ DATABASE_URL: fresh.url }, ['migrate']);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^fixture: applied .*001_things/);
      assert.ok((await tables(fresh.url)).includes('things'));
      const second = await run({ DATABASE_URL: fresh.url }, ['migrate']);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout.trim(), 'fixture: schema up to date');
    } finally {
      await fresh.drop();
    }
  });
});
