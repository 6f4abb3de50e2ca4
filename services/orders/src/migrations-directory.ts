import { join } from 'node:path';
import { packageRoot } from '@shop/platform';

/** services/orders/migrations, from the sources (src/) or the build (dist/src/). */
export const migrationsDirectory = join(packageRoot(import.meta.url), 'migrations');
