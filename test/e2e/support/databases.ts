/**
 * Read access to the stack's databases, for the fault tests: what the services' projections hold
 * and how far the outboxes and the bus have got is not visible through the API.
 */
import type { DatabaseName, Stack } from '@shop/launcher';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface ShopDatabases {
  rows<T extends Row = Row>(database: DatabaseName, sql: string, params?: unknown[]): Promise<T[]>;
  /** A connection of its own (to hold locks), on the database's server. */
  connect(database: DatabaseName | 'postgres'): Promise<pg.Client>;
  /** The database's name on its server (prefixed when the stack shares a server). */
  nameOf(database: DatabaseName): string;
  close(): Promise<void>;
}

export function openDatabases(stack: Stack): ShopDatabases {
  const urlOf = (database: DatabaseName) => {
    const url = stack.databases[database];
    if (!url) throw new Error(`this stack has no ${database} database (its bus is not pg-boss)`);
    return url;
  };
  const pools = new Map<DatabaseName, pg.Pool>();
  const pool = (database: DatabaseName) => {
    let found = pools.get(database);
    if (!found) {
      found = new pg.Pool({ connectionString: urlOf(database), max: 2 });
      // Idle connections die when a test cuts the bus off; the next query opens a new one.
      found.on('error', () => undefined);
      pools.set(database, found);
    }
    return found;
  };
  const nameOf = (database: DatabaseName) => new URL(urlOf(database)).pathname.slice(1);
  return {
    async rows<T extends Row>(database: DatabaseName, sql: string, params: unknown[] = []) {
      return (await pool(database).query<T>(sql, params)).rows;
    },
    async connect(database) {
      const url = new URL(urlOf(database === 'postgres' ? 'users' : database));
      if (database === 'postgres') url.pathname = '/postgres';
      const client = new pg.Client({ connectionString: url.toString() });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    nameOf,
    async close() {
      await Promise.all([...pools.values()].map((p) => p.end()));
      pools.clear();
    },
  };
}
