import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '@shop/launcher';

/** The command-line options `bench/run.ts` and `bench/profile.ts` share (node:util parseArgs form). */
export const SHARED_OPTIONS = {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '32' },
  'data-dir': { type: 'string', default: join(ROOT, '.bench', 'stack') },
  // The services log one line per request, as in production; `warn` measures without it.
  'log-level': { type: 'string', default: 'info' },
} as const;

/**
 * Where the services of a measured stack write their lines: straight to one file each, which no
 * process of the benchmark reads (parsing every request line cost the load generator ≈ 10 µs a
 * request). Only the last run's are kept (≈ 75 MB for a full run).
 */
export async function freshLogDir(): Promise<string> {
  const dir = join(ROOT, '.bench', 'logs');
  await rm(dir, { recursive: true, force: true });
  return dir;
}

/** The environment of a measured stack. */
export function benchStackEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // The load comes from one address: lift the per-client limits for the run.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000000',
    // Text search is a costly shape (products rations it per client), and the checkout scenarios
    // keep many unpaid orders of one customer in flight (orders caps them per customer).
    SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: '1000000000',
    SEARCH_COSTLY_PER_CLIENT_CONCURRENT: '100',
    MAX_UNPAID_ORDERS_PER_CUSTOMER: '1000',
    MAX_UNPAID_UNITS_PER_CUSTOMER: '1000000',
    // A fixed admin, so scenarios have one on a reused database too.
    ADMIN_EMAIL: 'bench-admin@shop.test',
    ADMIN_PASSWORD: 'bench admin passphrase, long enough 42',
  };
}
