import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { MIGRATIONS_DIR } from './data/database.js';

await runServiceMain('users', { loadConfig, migrations: MIGRATIONS_DIR, buildApp });
