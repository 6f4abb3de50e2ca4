/**
 * `npm test` after the static checks: finds every *.test.ts, gives the whole run one
 * real PostgreSQL (TEST_DATABASE_URL if set, else an embedded server in a temp
 * folder that is removed afterwards) and runs the files with Node's test runner.
 *
 *   npm run test:only -- services/users     # only files whose path contains this
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createPool, startEmbeddedPostgres, type RunningPostgres } from '@shop/platform';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

async function findTests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findTests(path)));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

/**
 * Files that each take a minute or more (whole stacks, crash and fault runs) start first, so the run
 * does not end with one of them alone on a lane while the others are idle; then the rest by name.
 */
const LONG_FIRST = [
  'test/e2e/scale-out-pgboss.test.ts',
  'services/orders/test/crash.test.ts',
  'test/e2e/event-faults.test.ts',
  'test/e2e/scale-out-nats.test.ts',
  'launcher/test/npm-start.test.ts',
  'test/security/abuse.test.ts',
  'test/security/hostile-input.test.ts',
  'services/orders/test/contention.test.ts',
  'test/e2e/storefront-browser.test.ts',
  'test/e2e/whole-shop.test.ts',
  'test/e2e/foundation.test.ts',
];
const rank = (file: string) => {
  const index = LONG_FIRST.indexOf(file);
  return index === -1 ? LONG_FIRST.length : index;
};
const files = (await findTests(root))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ')}`);
  process.exit(1);
}

let server: RunningPostgres | undefined;
let tempDir: string | undefined;
const env = { ...process.env };
if (!env.TEST_DATABASE_URL) {
  tempDir = await mkdtemp(join(tmpdir(), 'shop-tests-'));
  server = await startEmbeddedPostgres({ dataDir: join(tempDir, 'postgres') });
  env.TEST_DATABASE_URL = server.url('postgres');
  console.log(`Embedded PostgreSQL for this run on port ${server.port}`);
} else {
  await warnOfFewConnections(env.TEST_DATABASE_URL);
}

/**
 * The embedded server allows 300 connections. Three files at a time, each a whole stack with its
 * pools (the contention and crash suites together take more than 100), exhaust a server left at
 * PostgreSQL's default of 100: those suites then fail with "too many clients", which is the
 * server's setting, not the code.
 */
async function warnOfFewConnections(url: string): Promise<void> {
  const pool = createPool({ connectionString: url, max: 1, applicationName: 'run-tests' });
  try {
    const { rows } = await pool.query<{ max_connections: string }>('SHOW max_connections');
    const allowed = Number(rows[0]?.max_connections);
    if (allowed < 300) {
      console.warn(
        `TEST_DATABASE_URL's server allows ${allowed} connections; whole-stack suites running three at a ` +
          'time may need more (the embedded server allows 300). Raise max_connections or set TEST_CONCURRENCY=2.',
      );
    }
  } catch {
    // Unreachable: the tests will say so themselves.
  } finally {
    await pool.end();
  }
}

const cleanup = async () => {
  await server?.stop().catch(() => undefined);
  if (tempDir) await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
};

const child = spawn(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    // Three files at a time on two cores: most of a file's time is spent waiting on its services.
    `--test-concurrency=${env.TEST_CONCURRENCY ?? 3}`,
    '--test-timeout=180000',
    '--test-reporter=spec',
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await cleanup();
process.exit(code);
