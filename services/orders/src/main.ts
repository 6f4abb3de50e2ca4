import { createPool, runMigrations, runService } from '@shop/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { MIGRATIONS_DIR } from './migrate.js';

const config = loadConfig();
if (config.MIGRATE_ON_START) {
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: 1,
    applicationName: 'orders-migrate',
  });
  try {
    await runMigrations(pool, MIGRATIONS_DIR);
  } finally {
    await pool.end();
  }
}
await runService('orders', config, await buildApp(config));
