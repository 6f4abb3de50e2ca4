import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** services/products/migrations, from the sources (src/) or the build (dist/src/). */
export const migrationsDirectory = [
  new URL('../migrations', import.meta.url),
  new URL('../../migrations', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path))!;
