/**
 * `npm run bench [-- scenario names] [--duration 10] [--connections 32]`: the reference baselines
 * first, then the shop's scenarios on a stack started by the launcher, all on this machine so
 * the ratios mean something (absolute numbers on a shared machine do not). Writes .bench/<time>.json.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startStack, ROOT } from '@shop/launcher';
import { startBaselines } from './baselines/reference.js';
import type { BenchRequest, Scenario } from './scenario.js';

const { values: args, positionals: wanted } = parseArgs({
  allowPositionals: true,
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const duration = Number(args.duration);
const connections = Number(args.connections);

interface Measured {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  baseline?: string;
  ratio?: number;
}

async function measure(
  name: string,
  url: string,
  requests: BenchRequest[],
  conns = connections,
): Promise<Measured> {
  const result = await autocannon({ url, connections: conns, duration, requests: requests as never });
  const measured = {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  return measured;
}

function print(m: Measured) {
  const ratio = m.ratio === undefined ? '' : `  ×${m.ratio.toFixed(2)} of ${m.baseline}`;
  const failures = m.non2xx + m.errors > 0 ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : '';
  console.log(
    `${m.name.padEnd(22)} ${String(m.reqPerSec).padStart(7)} req/s  p50 ${String(m.p50Ms).padStart(4)} ms  p99 ${String(m.p99Ms).padStart(4)} ms${ratio}${failures}`,
  );
}

async function loadScenarios(): Promise<Scenario[]> {
  const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
  const scenarios: Scenario[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()) {
    const module = (await import(join(dir, file))) as Partial<Scenario> & Record<string, unknown>;
    if (typeof module.name !== 'string' || (!('setup' in module) && !('run' in module))) continue; // a helper
    if (wanted.length === 0 || wanted.includes(module.name)) scenarios.push(module as Scenario);
  }
  return scenarios;
}

const scenarios = await loadScenarios();
const dataDir = await mkdtemp(join(tmpdir(), 'shop-bench-'));
const logTail: string[] = [];
console.log(`Starting the stack (data in ${dataDir})…`);
const stack = await startStack({
  dataDir,
  ephemeralPorts: true,
  seedProducts: 200,
  logLevel: 'warn',
  onLog: (service, line) => {
    logTail.push(`${service} │ ${line}`);
    if (logTail.length > 50) logTail.shift();
  },
  // The load comes from one address: lift the per-client limits for the run.
  env: {
    ...process.env,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
    ADMIN_EMAIL: '',
    ADMIN_PASSWORD: '',
  },
});
const results: Measured[] = [];
const custom: Record<string, unknown> = {};
try {
  console.log(`\nBaselines (${duration} s each, ${connections} connections):`);
  const reference = await startBaselines(stack.databases.products);
  for (const baseline of reference.baselines) {
    const measured = await measure(baseline.name, baseline.url, baseline.requests);
    results.push(measured);
    print(measured);
  }
  reference.stop();

  console.log('\nScenarios through the gateway:');
  for (const scenario of scenarios) {
    if ('run' in scenario) {
      custom[scenario.name] = await scenario.run(stack);
      console.log(`${scenario.name.padEnd(22)} ${JSON.stringify(custom[scenario.name])}`);
      continue;
    }
    const { requests, connections: conns } = await scenario.setup(stack);
    const measured = await measure(scenario.name, stack.gatewayUrl, requests, conns);
    const baselineName = scenario.baseline ?? 'forwarder-pk-read';
    const baseline = results.find((r) => r.name === baselineName);
    if (baseline)
      Object.assign(measured, { baseline: baselineName, ratio: measured.reqPerSec / baseline.reqPerSec });
    results.push(measured);
    print(measured);
  }
} catch (error) {
  console.error(
    `The benchmark failed: ${(error as Error).message}\nLast stack lines:\n${logTail.join('\n')}`,
  );
  process.exitCode = 1;
} finally {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const outDir = join(ROOT, '.bench');
await mkdir(outDir, { recursive: true });
const file = join(outDir, `${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(file, JSON.stringify({ duration, connections, results, custom }, null, 2));
console.log(`\nWritten to ${file}`);
