import { runService } from '@shop/platform';
import { buildApp } from './app.js';
import { loadGatewayConfig } from './config.js';

const config = loadGatewayConfig();
await runService('gateway', config, await buildApp(config));
