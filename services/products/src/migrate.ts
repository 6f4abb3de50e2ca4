/** The migrations as a one-shot command (Kubernetes Job / init container): DATABASE_URL only. */
import { createPool, runMigrations } from '@shop/platform';
import { migrationsDirectory } from './migrations-directory.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(1);
}
const pool = createPool({ connectionString: url, max: 1, applicationName: 'products-migrate' });
try {
  const applied = await runMigrations(pool, migrationsDirectory);
  console.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'Nothing to migrate');
} finally {
  await pool.end();
}
