import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

await runServiceMain('gateway', { loadConfig, buildApp });
