/**
 * `npm start` as a newcomer runs it: no database URLs, so an embedded PostgreSQL in the data
 * folder; one line per service, then the storefront and docs; a first start seeds the catalogue;
 * SIGTERM sent to the npm process (as process managers and CI runners send it) stops everything, in
 * order, and frees every port; a second start on the same folder finds the data it left.
 */
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { freePort } from '@shop/platform';
import { runNpm, type ScriptRun } from './support/launcher-script.js';

const PASSWORD = 'a launcher passphrase 7';

async function npmStart(dataDir: string, ports: Record<string, number>): Promise<ScriptRun> {
  // Only what a fresh machine has: no *_DATABASE_URL, no TEST_DATABASE_URL.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.endsWith('DATABASE_URL') && name !== 'BUS_URL'),
  );
  const started = runNpm('start', ['--data-dir', dataDir, '--seed-products', '3'], {
    ...env,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    ADMIN_EMAIL: 'admin@launcher.test',
    ADMIN_PASSWORD: PASSWORD,
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_ITERATIONS: '1',
    LOG_LEVEL: 'warn',
  });
  const deadline = Date.now() + 120_000;
  const ready = await new Promise<boolean>((resolve) => {
    const check = setInterval(() => {
      if (/Ready in [\d.]+ s/.test(started.output())) resolve(true);
      else if (started.process.exitCode !== null || Date.now() > deadline) resolve(false);
      else return;
      clearInterval(check);
    }, 100);
  });
  if (!ready) started.process.kill('SIGTERM'); // serve.ts stops what did start
  assert.ok(ready, `npm start did not get ready:\n${started.output()}`);
  return started;
}

async function stop(started: ScriptRun): Promise<void> {
  started.process.kill('SIGTERM');
  assert.equal(await started.exited, 0, `npm start did not stop cleanly:\n${started.output()}`);
}

async function call(gateway: string, path: string, body?: unknown) {
  const response = await fetch(`${gateway}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('npm start on a fresh machine', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  test('embedded PostgreSQL, every service, seed, clean stop, and the data is there on the next start', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'npm-start-'));
    dirs.push(parent);
    // As root the database runs as the `postgres` user, who must be able to enter the folders.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    const ports = {
      PORT: await freePort(),
      USERS_PORT: await freePort(),
      PRODUCTS_PORT: await freePort(),
      ORDERS_PORT: await freePort(),
      SANDBOX_PORT: await freePort(),
    };
    const gateway = `http://127.0.0.1:${ports.PORT}`;

    const first = await npmStart(dataDir, ports);
    try {
      const printed = first.output();
      for (const [service, variable] of [
        ['users', 'USERS_PORT'],
        ['products', 'PRODUCTS_PORT'],
        ['orders', 'ORDERS_PORT'],
        ['payments-sandbox', 'SANDBOX_PORT'],
        ['gateway', 'PORT'],
      ] as const) {
        assert.match(
          printed,
          new RegExp(`^ +${service} +http://127\\.0\\.0\\.1:${ports[variable]}$`, 'm'),
          `a line for ${service}`,
        );
      }
      assert.match(printed, new RegExp(`Storefront +http://localhost:${ports.PORT}/`));
      assert.match(printed, new RegExp(`API docs +http://localhost:${ports.PORT}/docs`));

      const catalogue = await call(gateway, '/api/v1/products?limit=10');
      assert.equal((catalogue.body.items as unknown[]).length, 3, 'the first start seeds the catalogue');
      const registered = await call(gateway, '/api/v1/auth/register', {
        email: 'kept@launcher.test',
        password: PASSWORD,
        name: 'Kept',
      });
      assert.equal(registered.status, 202, JSON.stringify(registered.body));
    } finally {
      await stop(first);
    }
    assert.match(first.output(), /stopping the services, then PostgreSQL/);
    const leftovers = (await readdir(dataDir, { recursive: true })).filter((f) =>
      f.endsWith('postmaster.pid'),
    );
    assert.deepEqual(leftovers, [], 'PostgreSQL stopped (no postmaster.pid left)');
    for (const [name, port] of Object.entries(ports)) {
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `nothing listens on ${name} any more`);
    }

    const second = await npmStart(dataDir, ports);
    try {
      const login = await call(gateway, '/api/v1/auth/login', {
        email: 'kept@launcher.test',
        password: PASSWORD,
      });
      assert.equal(login.status, 200, 'the account made before the restart is still there');
      const catalogue = await call(gateway, '/api/v1/products?limit=10');
      assert.equal((catalogue.body.items as unknown[]).length, 3, 'not seeded a second time');
    } finally {
      await stop(second);
    }
  });
});
