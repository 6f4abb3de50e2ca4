import { ConfigError, createPool, runMigrations, runService } from '@shop/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { MIGRATIONS_DIR } from './data/database.js';

try {
  const config = loadConfig();
  if (config.MIGRATE_ON_START) {
    const pool = createPool({
      connectionString: config.DATABASE_URL,
      max: 1,
      applicationName: 'users-migrate',
    });
    try {
      await runMigrations(pool, MIGRATIONS_DIR);
    } finally {
      await pool.end();
    }
  }
  await runService('users', config, await buildApp(config));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`users: ${error.message}`);
  process.exit(1);
}
