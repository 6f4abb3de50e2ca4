/** One-shot migration (Kubernetes Job / init container): DATABASE_URL=… node --conditions=source --import tsx services/users/src/migrate.ts */
import { createPool, runMigrations } from '@shop/platform';
import { MIGRATIONS_DIR } from './data/database.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('users migrate: DATABASE_URL is required');
  process.exit(1);
}
const pool = createPool({ connectionString: url, max: 1, applicationName: 'users-migrate' });
try {
  const applied = await runMigrations(pool, MIGRATIONS_DIR);
  console.log(applied.length ? `users: applied ${applied.join(', ')}` : 'users: schema up to date');
} finally {
  await pool.end();
}
