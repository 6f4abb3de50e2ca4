import { runService } from '@shop/platform';
import { buildApp } from './app.js';
import { loadSandboxConfig } from './config.js';

const config = loadSandboxConfig();
const sandbox = await buildApp(config);
await runService('payments-sandbox', config, sandbox);
