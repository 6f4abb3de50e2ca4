/** The migrations alone, as a one-shot command (Kubernetes Job, init container): DATABASE_URL only. */
import { runMigrationsCommand } from '@shop/platform';
import { MIGRATIONS_DIR } from './data/database.js';

await runMigrationsCommand('users', MIGRATIONS_DIR);
