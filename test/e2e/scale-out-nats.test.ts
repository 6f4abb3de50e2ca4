/** The scale-out suite (support/scale-out-suite.ts) on NATS JetStream and an external PostgreSQL. */
import { runScaleOutSuite } from './support/scale-out-suite.js';

await runScaleOutSuite('nats');
