import { runServiceMain } from '@shop/platform';
import { buildApp } from './app.js';
import { loadGatewayConfig } from './config.js';

await runServiceMain('gateway', { loadConfig: loadGatewayConfig, buildApp });
