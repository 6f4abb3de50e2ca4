/**
 * Every service started the way its image starts it, without Docker: `node dist/src/migrate.js`
 * then `node dist/src/main.js` from the service folder, on the compiled output (no tsx, no
 * source condition), with NODE_ENV=production and the dev overlay's environment. This catches
 * what only breaks once compiled, such as files looked up relative to src/ (migrations,
 * public/). Only the addresses differ: a fresh database (which also carries the pg-boss bus),
 * a free port, a temporary DATA_DIR, and unreachable neighbours.
 *
 * Needs the build: `npm test` runs `tsc -b` first; after `npm run test:only`, `npm run build`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { startChildService } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import type { Workload } from './manifest-types.js';
import { ROOT, Rendered, mainContainer, withoutKubectl } from './rendered.js';

const UNREACHABLE = 'http://127.0.0.1:9';
const scratch = mkdtempSync(join(tmpdir(), 'shop-dist-boot-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('services start from their compiled output', { skip: withoutKubectl }, () => {
  const dev = new Rendered('dev');
  for (const deployment of dev.services()) {
    const name = deployment.metadata.name;
    const dir = join(ROOT, 'services', name);
    test(name, async (t) => {
      assert.ok(existsSync(join(dir, 'dist/src/main.js')), `${name} is not built: npm run build`);
      const env = environment(dev, deployment);
      let database: TestDatabase | undefined;
      if (env.DATABASE_URL) {
        database = await createTestDatabase(`boot_${name}`);
        t.after(() => database?.drop());
        env.DATABASE_URL = env.BUS_URL = database.url;
        const migrate = await runToEnd(['dist/src/migrate.js'], dir, {
          NODE_ENV: 'production',
          DATABASE_URL: database.url,
        });
        assert.equal(migrate.code, 0, `migrate.js failed:\n${migrate.output}`);
        const sqlFiles = readdirSync(join(dir, 'migrations')).filter((f) => f.endsWith('.sql')).length;
        // The service's files and the platform's three (outbox, processed events, revoked sessions).
        assert.equal(await count(database.url, 'SELECT count(*) FROM kysely_migration'), sqlFiles + 3);
      }

      const service = await startChildService({
        name,
        entry: 'dist/src/main.js',
        tsx: false,
        cwd: dir,
        env,
        readyTimeoutMs: 30_000,
        tailLines: 60,
      });
      t.after(() => void service.kill());
      const { url } = service;
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(`${url}${path}`);
        assert.equal(response.status, 200, `${path}: ${await response.text()}`);
      }
      if (existsSync(join(dir, 'public', 'index.html'))) {
        const page = await fetch(`${url}/`);
        assert.equal(page.status, 200, 'the start page from public/');
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      }
      assert.equal((await service.stop('SIGTERM')).code, 0, 'a graceful stop on SIGTERM');
    });
  }
});

/** The container's environment from the dev overlay, pointed at this machine. */
function environment(dev: Rendered, deployment: Workload): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
  for (const [key, { value }] of dev.envOf(mainContainer(deployment)))
    env[key] = /^https?:\/\/[a-z-]+:\d+/.test(value)
      ? value.replace(/^https?:\/\/[a-z-]+:\d+/, UNREACHABLE)
      : value;
  env.HOST = '127.0.0.1';
  env.PORT = '0';
  if (env.DATA_DIR) env.DATA_DIR = mkdtempSync(join(scratch, `${deployment.metadata.name}-`));
  return env;
}

function runToEnd(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, output: output.slice(-3000) })),
  );
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(sql);
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}
