import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../embedded-postgres.js';

/**
 * Tests run against a real PostgreSQL: the server named by TEST_DATABASE_URL (the
 * test runner starts an embedded one and sets it), or, when a test file is run on
 * its own, an embedded server started for this process.
 */
let ownServer: Promise<{ server: RunningPostgres; dir: string }> | undefined;

async function adminUrl(): Promise<string> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return given;
  ownServer ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shop-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres') });
    process.once(
      'beforeExit',
      () => void server.stop().then(() => rm(dir, { recursive: true, force: true })),
    );
    return { server, dir };
  })();
  const { server } = await ownServer;
  return server.url('postgres');
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file (or one test). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const admin = await adminUrl();
  const name = `t_${prefix.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
