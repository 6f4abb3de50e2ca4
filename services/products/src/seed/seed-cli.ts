/**
 * Seeds the demo catalog into DATABASE_URL (migrating first).
 *
 *   DATABASE_URL=postgres://… node --conditions=source --import tsx services/products/src/seed/seed-cli.ts --products 1000 [--force] [--seed 42]
 */
import { parseArgs } from 'node:util';
import { CatalogNotEmpty, seedCatalog } from './seed-catalog.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    force: { type: 'boolean', default: false },
  },
});
const products = Number(values.products);
const seed = Number(values.seed);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !Number.isInteger(products) || products < 0 || !Number.isInteger(seed)) {
  console.error('Usage: DATABASE_URL=… seed-cli.ts --products N [--seed S] [--force]');
  process.exit(2);
}
try {
  await seedCatalog({
    databaseUrl,
    products,
    seed,
    whenNotEmpty: values.force ? 'replace' : 'refuse',
    log: (message) => console.log(message),
  });
} catch (error) {
  if (!(error instanceof CatalogNotEmpty)) throw error;
  console.error(error.message);
  process.exit(1);
}
