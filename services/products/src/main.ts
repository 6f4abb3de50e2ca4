import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { migrationsDirectory } from './migrations-directory.js';

await runServiceMain('products', {
  loadConfig,
  migrations: migrationsDirectory,
  buildApp,
});
