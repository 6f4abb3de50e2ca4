import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startChildService, type ChildService, type ChildServiceOptions } from '@shop/platform';
import type { BenchRequest } from '../scenario.js';

const SERVERS = fileURLToPath(new URL('./servers.ts', import.meta.url));
const GATEWAY = fileURLToPath(new URL('../../services/gateway/src/main.ts', import.meta.url));
const ITEMS = 10_000;

export interface Baseline {
  name: string;
  url: string;
  requests: BenchRequest[];
  /** Another baseline this one is a ratio of. */
  baseline?: string;
}

/** Starts the reference servers; `stop()` ends them before the shop is measured. */
export async function startBaselines(databaseServerUrl: string, logLevel: string) {
  const databaseUrl = await prepareBaselineDatabase(databaseServerUrl);
  const children: ChildService[] = [];
  const start = async (options: ChildServiceOptions) => {
    const child = await startChildService(options);
    children.push(child);
    return child.url;
  };
  /** A reference server: `servers.ts <kind>` prints its URL as its first line. */
  const server = (kind: string, env: Record<string, string> = {}) =>
    start({
      name: `baseline server ${kind}`,
      entry: SERVERS,
      args: [kind],
      env: { ...process.env, ...env },
      ready: 'stdout-url',
      stderr: 'inherit',
    });
  /** The shop's real gateway (hooks, headers, limits, logging, metrics) in front of `target`. */
  const gateway = (target: string) =>
    start({
      name: 'the gateway baseline',
      entry: GATEWAY,
      // `baseline` (ignored by the gateway) tells bench/cpu.ts this is not the stack's own gateway.
      args: ['baseline'],
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: logLevel,
        USERS_URL: target,
        PRODUCTS_URL: target,
        ORDERS_URL: target,
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
      stdout: 'ignore',
      stderr: 'inherit',
    });
  const hello = await server('hello');
  const pkRead = await server('pk-read', { DATABASE_URL: databaseUrl });
  let next = 0;
  const randomItem: BenchRequest = {
    method: 'GET',
    path: '/items/1',
    setupRequest: (request) => ({ ...request, path: `/items/${(next++ % ITEMS) + 1}` }),
  };
  const baselines: Baseline[] = [
    { name: 'hello', url: hello, requests: [{ method: 'GET', path: '/' }] },
    {
      name: 'forwarder-hello',
      url: await server('forwarder', { TARGET_URL: hello }),
      requests: [{ method: 'GET', path: '/' }],
    },
    {
      name: 'gateway-hello',
      url: await gateway(hello),
      baseline: 'forwarder-hello',
      requests: [{ method: 'GET', path: '/api/v1/products/hello' }],
    },
    {
      name: 'reply-from-hello',
      url: await server('reply-from', { TARGET_URL: hello }),
      requests: [{ method: 'GET', path: '/' }],
    },
    {
      name: 'forwarder-pk-read',
      url: await server('forwarder', { TARGET_URL: pkRead }),
      requests: [randomItem],
    },
  ];
  return {
    baselines,
    stop() {
      for (const child of children) void child.stop();
    },
  };
}

/** A small table on the stack's own PostgreSQL, so the database part of the comparison is equal. */
async function prepareBaselineDatabase(serverUrl: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS bench_baseline WITH (FORCE)');
  await admin.query('CREATE DATABASE bench_baseline');
  await admin.end();
  url.pathname = '/bench_baseline';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(
    'CREATE TABLE bench_items (id int PRIMARY KEY, name text NOT NULL, price bigint NOT NULL)',
  );
  await client.query(
    `INSERT INTO bench_items SELECT i, 'item ' || i, i * 100 FROM generate_series(1, ${ITEMS}) AS i`,
  );
  await client.end();
  return url.toString();
}
