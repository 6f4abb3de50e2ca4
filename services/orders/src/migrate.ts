import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createPool, packageRoot, runMigrations } from '@shop/platform';

export const MIGRATIONS_DIR = join(packageRoot(import.meta.url), 'migrations');

/** `node src/migrate.ts`: the migrations as a one-shot command (Kubernetes Job, init container). */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const pool = createPool({ connectionString: url, max: 1, applicationName: 'orders-migrate' });
  try {
    const applied = await runMigrations(pool, MIGRATIONS_DIR);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Up to date.');
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
