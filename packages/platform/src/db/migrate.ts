import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import type pg from 'pg';
import { platformMigrations } from './platform-migrations.js';
import { createPool } from './pool.js';

/**
 * Forward-only SQL migrations: `migrations/NNN_name.sql` files of a service,
 * after the platform's own tables (outbox, processed events). Kysely's migrator
 * does the bookkeeping and takes an advisory lock, so replicas starting together
 * migrate once.
 */
export async function runMigrations(pool: pg.Pool, directory?: string): Promise<string[]> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: wrapWithoutEnd(pool) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: new SqlFileProvider(directory),
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error');
      throw new Error(
        `Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`,
        {
          cause: error,
        },
      );
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}

/**
 * Migrates on a connection of its own, closed afterwards: what a service does before it
 * starts, and what its one-shot migrate command does.
 */
export async function migrateDatabase(
  connectionString: string,
  directory: string,
  applicationName: string,
): Promise<string[]> {
  const pool = createPool({ connectionString, max: 1, applicationName });
  try {
    return await runMigrations(pool, directory);
  } finally {
    await pool.end();
  }
}

class SqlFileProvider implements MigrationProvider {
  constructor(private readonly directory: string | undefined) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, text] of Object.entries(platformMigrations)) migrations[name] = sqlMigration(text);
    if (!this.directory) return migrations;
    const directory = this.directory;
    const files = (await readdir(directory)).filter((f) => f.endsWith('.sql')).sort();
    for (const file of files) {
      const text = await readFile(join(directory, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = sqlMigration(text);
    }
    return migrations;
  }
}

function sqlMigration(text: string): Migration {
  return { up: async (db) => void (await sql.raw(text).execute(db)) };
}

/** Kysely ends the pool it is given on destroy(); the service keeps using its pool. */
function wrapWithoutEnd(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'end') return async () => undefined;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
