/**
 * `npm run bench [-- scenario names] [--duration 10] [--connections 32] [--log-level info] [--fresh]
 * [--replicas 2] [--nats-url nats://127.0.0.1:4222]`: the reference baselines first, then the
 * shop's scenarios on a stack started by the launcher, all on this machine so the ratios mean
 * something (absolute numbers on a shared machine do not); then the product page and the checkout
 * again with `--replicas` of every service on NATS (bench/replicas.ts; `--replicas 1` skips it).
 * Writes .bench/<time>.json.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startStack, ROOT, type StackOptions } from '@shop/launcher';
import pg from 'pg';
import { startBaselines } from './baselines/reference.js';
import { interleaved } from './interleaved.js';
import { measure, print, type Measured } from './measure.js';
import { listening } from '@shop/platform/testing';
import { measureReplicas, REPLICATED_SCENARIOS } from './replicas.js';
import { loadScenarios } from './scenarios.js';
import { benchStackEnv, freshLogDir, SHARED_OPTIONS } from './stack-options.js';
import type { BenchRequest, LoadScenario } from './scenario.js';

const { values: args, positionals: wanted } = parseArgs({
  allowPositionals: true,
  options: {
    ...SHARED_OPTIONS,
    products: { type: 'string', default: '100000' },
    fresh: { type: 'boolean', default: false },
    replicas: { type: 'string', default: '2' },
    'nats-url': { type: 'string', default: process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222' },
  },
});
const duration = Number(args.duration);
/** Rounds of a scenario with a target ratio and its baseline, interleaved. */
const ROUNDS = 3;
const connections = Number(args.connections);
const catalogSize = Number(args.products);
const dataDir = resolve(args['data-dir']);

const scenarios = await loadScenarios(wanted);
const loads = scenarios.filter((s): s is LoadScenario => 'setup' in s);

// The stack's data is kept between runs, so the 100,000-product catalogue is seeded only once.
if (args.fresh) await rm(dataDir, { recursive: true, force: true });
const logTail: string[] = [];
const logDir = await freshLogDir();
console.log(`Starting the stack (data in ${dataDir}; --fresh starts from nothing; logs in ${logDir})…`);
const stackOptions: StackOptions = {
  dataDir,
  ephemeralPorts: true,
  seedProducts: catalogSize,
  logLevel: args['log-level'],
  logDir,
  // The launcher's notices and the seeding's lines; the services' lines are in logDir.
  onLog: (service, line) => {
    logTail.push(`${service} │ ${line}`);
    if (logTail.length > 50) logTail.shift();
  },
  env: benchStackEnv(),
};
const stack = await startStack(stackOptions);
const results: Measured[] = [];
let stopBaselines: () => void = () => undefined;
const custom: Record<string, unknown> = {};
try {
  console.log(`Catalogue: ${await countProducts(stack.databases.products)} products`);

  console.log(`\nBaselines (${duration} s each):`);
  const reference = await startBaselines(stack.databases.products, args['log-level']);
  stopBaselines = () => reference.stop();
  // Each baseline at the default connections, and again at any other count a scenario uses.
  const counts = new Map<string, Set<number>>();
  for (const baseline of reference.baselines) counts.set(baseline.name, new Set([connections]));
  for (const scenario of loads) {
    const conns = scenario.connections ?? connections;
    counts.get(scenario.baseline ?? 'forwarder-pk-read')?.add(conns);
    counts.get('hello')?.add(conns); // every scenario is also shown against the bare hello-world
  }
  for (const baseline of reference.baselines) {
    for (const conns of counts.get(baseline.name) ?? []) {
      const measured = await measure(baseline.name, baseline.url, baseline.requests, {
        connections: conns,
        duration,
      });
      const other = results.find((r) => r.name === baseline.baseline && r.connections === conns);
      if (other)
        Object.assign(measured, { baseline: other.name, ratio: measured.reqPerSec / other.reqPerSec });
      results.push(measured);
      print(measured);
    }
  }

  console.log('\nScenarios through the gateway:');
  for (const scenario of scenarios) {
    if ('run' in scenario) {
      custom[scenario.name] = await scenario.run(stack);
      console.log(`${scenario.name.padEnd(24)} ${JSON.stringify(custom[scenario.name])}`);
      continue;
    }
    const { requests, connections: asked } = await scenario.setup(stack);
    const conns = scenario.connections ?? asked ?? connections;
    const baselineName = scenario.baseline ?? 'forwarder-pk-read';
    const again =
      scenario.target?.ratio === undefined
        ? undefined
        : reference.baselines.find((baseline) => baseline.name === baselineName);
    let measured: Measured;
    if (again) {
      // A target ratio is judged on rounds interleaved with its baseline (bench/interleaved.ts).
      const shown = async (name: string, url: string, sent: BenchRequest[]) => {
        const round = await measure(name, url, sent, { connections: conns, duration });
        print(round);
        return round;
      };
      const judged = await interleaved(
        ROUNDS,
        baselineName,
        (round) => shown(`${baselineName} (round ${round})`, again.url, again.requests),
        (round) => shown(`${scenario.name} (round ${round})`, stack.gatewayUrl, requests),
      );
      results.push(judged.baseline);
      measured = { ...judged.median, name: scenario.name, rounds: judged.ratios };
    } else {
      measured = await measure(scenario.name, stack.gatewayUrl, requests, { connections: conns, duration });
      const baseline = results.find((r) => r.name === baselineName && r.connections === conns);
      if (baseline) {
        Object.assign(measured, { baseline: baselineName, ratio: measured.reqPerSec / baseline.reqPerSec });
      }
    }
    const hello = results.find((r) => r.name === 'hello' && r.connections === conns);
    if (hello) measured.helloRatio = measured.reqPerSec / hello.reqPerSec;
    if (scenario.target) {
      const { ratio, p95Ms } = scenario.target;
      const met =
        (ratio === undefined || (measured.ratio ?? 0) >= ratio) &&
        (p95Ms === undefined || measured.p95Ms <= p95Ms);
      measured.target = { ...scenario.target, met };
    }
    results.push(measured);
    print(measured);
  }
} catch (error) {
  console.error(
    `The benchmark failed: ${(error as Error).message}\nLast launcher lines:\n${logTail.join('\n')}\n` +
      `The services' lines are in ${logDir}.`,
  );
  process.exitCode = 1;
} finally {
  stopBaselines();
  await stack.stop();
}

const replicas = Number(args.replicas);
const replicated = loads.filter((s) => REPLICATED_SCENARIOS.includes(s.name));
if (process.exitCode === undefined && replicas > 1 && replicated.length > 0) {
  if (await listening(args['nats-url'], 4222)) {
    console.log(
      `\nAgain with ${replicas} replicas of every service, events over NATS (${args['nats-url']}):`,
    );
    try {
      results.push(
        ...(await measureReplicas({
          replicas,
          natsUrl: args['nats-url'],
          scenarios: replicated,
          single: results,
          connections,
          duration,
          stack: stackOptions,
        })),
      );
    } catch (error) {
      console.error(
        `The replicas run failed: ${(error as Error).message}\nLast launcher lines:\n${logTail.join('\n')}`,
      );
      process.exitCode = 1;
    }
  } else {
    console.log(
      `\nNo NATS at ${args['nats-url']}: the run with ${replicas} replicas is skipped (--nats-url).`,
    );
  }
}

const outDir = join(ROOT, '.bench');
await mkdir(outDir, { recursive: true });
const file = join(outDir, `${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(
  file,
  JSON.stringify({ duration, connections, logLevel: args['log-level'], results, custom }, null, 2),
);
console.log(`\nWritten to ${file}`);

async function countProducts(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM products');
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}
