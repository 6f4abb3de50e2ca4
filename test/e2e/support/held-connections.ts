/**
 * The stack's databases read over one connection each, opened at once and held until close(): on
 * a shared server that other stacks fill up to max_connections meanwhile, the test's own reads
 * are never the ones refused ("too many clients"), as a pool's connections, reopened after
 * being idle, would be.
 */
import type { DatabaseName } from '@shop/launcher';
import type pg from 'pg';
import type { Row, ShopDatabases } from './databases.js';

export async function holdConnections(
  databases: ShopDatabases,
  names: Exclude<DatabaseName, 'bus'>[],
): Promise<ShopDatabases> {
  const held = new Map<DatabaseName, pg.Client>();
  for (const name of names) held.set(name, await databases.connect(name));
  return {
    async rows<T extends Row>(database: DatabaseName, sql: string, params: unknown[] = []) {
      const client = held.get(database);
      if (!client) return databases.rows<T>(database, sql, params);
      return (await client.query<T>(sql, params)).rows;
    },
    connect: (database) => databases.connect(database),
    nameOf: (database) => databases.nameOf(database),
    async close() {
      await Promise.all([...held.values()].map((client) => client.end().catch(() => undefined)));
      await databases.close();
    },
  };
}
