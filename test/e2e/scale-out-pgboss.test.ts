/** The scale-out suite (support/scale-out-suite.ts) on the embedded default bus, pg-boss. */
import { runScaleOutSuite } from './support/scale-out-suite.js';

await runScaleOutSuite('pgboss');
