import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadProductsConfig } from './config.js';
import { migrationsDirectory } from './migrations-directory.js';

await runServiceMain('products', {
  loadConfig: loadProductsConfig,
  migrations: migrationsDirectory,
  buildApp,
});
