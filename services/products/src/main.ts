import { createPool, runMigrations, runService } from '@shop/platform';
import { buildApp } from './app.js';
import { loadProductsConfig } from './config.js';
import { migrationsDirectory } from './migrations-directory.js';

const config = loadProductsConfig();
if (config.MIGRATE_ON_START) {
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: 1,
    applicationName: 'products-migrate',
  });
  try {
    await runMigrations(pool, migrationsDirectory);
  } finally {
    await pool.end();
  }
}
await runService('products', config, await buildApp(config));
