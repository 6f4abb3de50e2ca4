/**
 * `npm run seed -- --products N [--data-dir PATH]`: seeds the products database of the stack:
 * PRODUCTS_DATABASE_URL when set, else the running stack's (its data folder's stack.json),
 * else the embedded server of the data folder, started for the occasion.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type RunningPostgres } from '@shop/platform';
import { PRODUCTS_SEED_ENTRY } from './first-run.js';
import { ROOT } from './stack.js';

const { values: args } = parseArgs({
  options: { products: { type: 'string', default: '1000' }, 'data-dir': { type: 'string' } },
});
const dataDir = resolve(args['data-dir'] ?? join(ROOT, '.data'));

let server: RunningPostgres | undefined;
let url = process.env.PRODUCTS_DATABASE_URL ?? (await runningStackDatabase());
if (!url) {
  server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres') });
  await server.ensureDatabase('products');
  url = server.url('products');
}
const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', PRODUCTS_SEED_ENTRY, '--products', args.products],
  { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' },
);
const code = await new Promise<number>((done) => child.once('exit', (c) => done(c ?? 1)));
await server?.stop();
process.exit(code);

async function runningStackDatabase(): Promise<string | undefined> {
  try {
    const stack = JSON.parse(await readFile(join(dataDir, 'stack.json'), 'utf8')) as {
      pid: number;
      databases: { products: string };
    };
    process.kill(stack.pid, 0); // throws when that launcher is gone
    return stack.databases.products;
  } catch {
    return undefined;
  }
}
