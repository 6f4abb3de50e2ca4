import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LogSink } from './child-logs.js';

export const DEMO_ADMIN_EMAIL = 'admin@shop.example';
export const PRODUCTS_SEED_ENTRY = 'services/products/src/seed/seed-cli.ts';

/**
 * The first admin of a fresh users database: ADMIN_EMAIL/ADMIN_PASSWORD when both are set,
 * else a demo admin with a random password that the launcher prints once (never a default one).
 */
export function firstAdmin(env: NodeJS.ProcessEnv, usersIsFresh: boolean) {
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    return { credentials: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }, generated: false };
  }
  if (!usersIsFresh) return undefined;
  return {
    credentials: { email: DEMO_ADMIN_EMAIL, password: randomBytes(18).toString('base64url') },
    generated: true,
  };
}

/** Runs the products service's seed command against its database, as a child with prefixed logs. */
export async function seedProducts(
  root: string,
  databaseUrl: string,
  count: number,
  env: NodeJS.ProcessEnv,
  log: LogSink,
): Promise<void> {
  if (!(await exists(join(root, PRODUCTS_SEED_ENTRY)))) {
    throw new Error(`${PRODUCTS_SEED_ENTRY} does not exist yet`);
  }
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', PRODUCTS_SEED_ENTRY, '--products', String(count)],
    { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => log('seed', line));
  }
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the products seed exited with code ${code}`);
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
