/** The migrations alone, as a one-shot command (Kubernetes Job, init container): DATABASE_URL only. */
import { runMigrationsCommand } from '@shop/platform';
import { migrationsDirectory } from './migrations-directory.js';

await runMigrationsCommand('orders', migrationsDirectory);
