import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadSandboxConfig } from './config.js';

await runServiceMain('payments-sandbox', { loadConfig: loadSandboxConfig, buildApp });
