/**
 * `node --conditions=source --import tsx bench/profile.ts <scenario> [--duration 10]`: runs one
 * load scenario against a stack whose services run under `node --cpu-prof`, then prints, per
 * service, where its CPU time went: the top functions by self time and the share per package.
 * The raw profiles stay in .bench/profiles/<time>/ (open them in Chrome DevTools for call trees).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startStack, ROOT } from '@shop/launcher';
import { measure, print } from './measure.js';
import { summarise, type CpuProfile } from './profile-summary.js';
import { loadScenarios } from './scenarios.js';
import { benchStackEnv, freshLogDir, SHARED_OPTIONS } from './stack-options.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { ...SHARED_OPTIONS, top: { type: 'string', default: '25' } },
});
const [scenario] = await loadScenarios(positionals.slice(0, 1));
if (!scenario || !('setup' in scenario) || positionals.length !== 1) {
  console.error('Usage: bench/profile.ts <load scenario name> [--duration 10] [--connections 32]');
  process.exit(2);
}
const profileDir = join(ROOT, '.bench', 'profiles', new Date().toISOString().replaceAll(':', '-'));
await mkdir(profileDir, { recursive: true });

const stack = await startStack({
  dataDir: resolve(args['data-dir']),
  ephemeralPorts: true,
  seedProducts: 0,
  logLevel: args['log-level'],
  logDir: await freshLogDir(),
  onLog: () => undefined,
  serviceNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  env: benchStackEnv(),
});
try {
  const { requests, connections: asked } = await scenario.setup(stack);
  const connections = scenario.connections ?? asked ?? Number(args.connections);
  print(
    await measure(scenario.name, stack.gatewayUrl, requests, {
      connections,
      duration: Number(args.duration),
    }),
  );
} finally {
  await stack.stop(); // the services write their profiles as they exit
}

for (const file of (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(await readFile(join(profileDir, file), 'utf8')) as CpuProfile;
  const summary = summarise(profile, ROOT, Number(args.top));
  if (summary.totalMs < 500) continue; // an idle service
  console.log(`\n${summary.service ?? file}: ${Math.round(summary.totalMs)} ms of samples (${file})`);
  console.log('  by package:');
  for (const [name, ms] of summary.packages) {
    console.log(`    ${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %  ${name}`);
  }
  console.log('  top functions by self time:');
  for (const fn of summary.functions) {
    console.log(`    ${((100 * fn.ms) / summary.totalMs).toFixed(1).padStart(5)} %  ${fn.name}  ${fn.where}`);
  }
}
console.log(`\nProfiles in ${profileDir}`);
