import { join } from 'node:path';
import { startEmbeddedPostgres, type RunningPostgres } from '@shop/platform';
import pg from 'pg';

/** One database per service that has one, plus the bus (pg-boss) unless the bus is NATS. */
export const DATABASES = ['users', 'products', 'orders', 'bus'] as const;
export type DatabaseName = (typeof DATABASES)[number];
export type ServiceDatabase = Exclude<DatabaseName, 'bus'>;

export interface DatabaseOptions {
  dataDir: string;
  /** `<NAME>_DATABASE_URL`s: those databases live on external servers. */
  external: Partial<Record<DatabaseName, string>>;
  /** A running server to create the databases on instead of an embedded one (tests). */
  serverUrl?: string;
  /** Prefix of database names on `serverUrl`, so several stacks can share it. */
  prefix?: string;
  pgPort?: number;
  /** False when the bus is not pg-boss (NATS): no bus database is made. */
  busDatabase?: boolean;
  onLog?: (line: string) => void;
}

export interface Databases {
  /** `bus` only when the bus is pg-boss. */
  urls: Record<ServiceDatabase, string> & { bus?: string };
  /** Databases that had no tables before this start: their service is on its first run. */
  fresh: Set<DatabaseName>;
  embedded: RunningPostgres | undefined;
  /** Drops the prefixed databases created on `serverUrl`. */
  drop(): Promise<void>;
}

export async function prepareDatabases(options: DatabaseOptions): Promise<Databases> {
  const wanted = DATABASES.filter((name) => name !== 'bus' || options.busDatabase !== false);
  const missing = wanted.filter((name) => !options.external[name]);
  let embedded: RunningPostgres | undefined;
  let serverUrl = options.serverUrl;
  if (missing.length > 0 && !serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: join(options.dataDir, 'postgres'),
      ...(options.pgPort === undefined ? {} : { port: options.pgPort }),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
    serverUrl = embedded.url('postgres');
  }
  const prefix = options.prefix ?? '';
  const urls = {} as Record<DatabaseName, string>;
  for (const name of wanted) {
    urls[name] = options.external[name] ?? withDatabase(serverUrl!, `${prefix}${name}`);
  }
  const fresh = new Set<DatabaseName>();
  try {
    for (const name of wanted) {
      await ensureDatabase(urls[name]);
      if (await isEmpty(urls[name])) fresh.add(name);
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    urls,
    fresh,
    embedded,
    async drop() {
      if (!options.serverUrl || !prefix) return;
      await withClient(options.serverUrl, async (client) => {
        for (const name of missing) {
          await client.query(
            `DROP DATABASE IF EXISTS ${client.escapeIdentifier(`${prefix}${name}`)} WITH (FORCE)`,
          );
        }
      });
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database when the server lets us; if it does not, the service reports why. */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withClient(withDatabase(url, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created concurrently
        });
    }
  }).catch(() => undefined);
}

async function isEmpty(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(rows[0]?.count) === 0;
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
