import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import { LauncherError, startStack } from '../src/index.js';
import { SupervisedChild } from '../src/supervisor.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

function flaky(env: Record<string, string>, notices: string[], lines: string[] = []) {
  return new SupervisedChild(
    { name: 'flaky', entry: 'flaky-service.mjs', cwd: fixtures, env: { ...process.env, ...env } },
    {
      log: (_service, line) => lines.push(line),
      notice: (message) => notices.push(message),
      backoffMs: 20,
      maxCrashes: 3,
      crashWindowMs: 60_000,
    },
  );
}

describe('supervised children', () => {
  it('reports the URL once ready, passes the log lines, and stops it', async () => {
    const notices: string[] = [];
    const lines: string[] = [];
    const child = flaky({}, notices, lines);
    const url = await child.start();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await (await fetch(url)).text(), 'ok');
    await child.stop();
    await assert.rejects(fetch(url), 'stopped');
    assert.deepEqual(lines, ['{"level":30,"msg":"listening"}']);
    assert.deepEqual(notices, []);
  });

  it('restarts a crashing child on the same port with backoff, and gives up loudly on a crash loop', async () => {
    const notices: string[] = [];
    const port = await freePort();
    const child = flaky({ PORT: String(port), CRASH_AFTER_MS: '100' }, notices);
    assert.equal(await child.start(), `http://127.0.0.1:${port}`);
    await waitFor(() => assert.equal(child.gaveUp, true, 'gave up after 3 crashes'), { timeoutMs: 15_000 });
    assert.equal(notices.filter((n) => /crashed \(code 3\).*restarting in/.test(n)).length, 2);
    assert.equal(notices.filter((n) => /is back on http:\/\/127\.0\.0\.1:\d+/.test(n)).length, 2);
    assert.ok(
      notices.every((n) => !n.includes('back on') || n.endsWith(`:${port}`)),
      'same port',
    );
    assert.match(notices.at(-1)!, /flaky CRASHED 3 TIMES within 60 s .*giving up/);
    await child.stop();
  });

  it('kills a child as a fault would and has it back on the same port', async () => {
    const notices: string[] = [];
    const child = flaky({ PORT: String(await freePort()) }, notices);
    const url = await child.start();
    assert.equal(await child.whenRunning(), url, 'running: resolves at once');
    await child.kill();
    assert.equal(child.running, false);
    await assert.rejects(fetch(url), 'the killed child no longer answers');
    assert.equal(await child.whenRunning(), url, 'restarted on the same port');
    assert.equal(await (await fetch(url)).text(), 'ok');
    assert.match(notices[0]!, /^flaky crashed \(SIGKILL\) after \d+ s; restarting in 0\.02 s$/);
    await child.stop();
  });

  it('stops a child for good until it is started again', async () => {
    const notices: string[] = [];
    const child = flaky({ PORT: String(await freePort()) }, notices);
    const url = await child.start();
    await child.stop();
    assert.equal(child.running, false);
    await assert.rejects(child.whenRunning(), /flaky is not running and will not be restarted/);
    await assert.rejects(fetch(url), 'stopped');
    assert.equal(await child.start(), url, 'back on the same port');
    await assert.rejects(child.start(), /flaky is already running/);
    await child.stop();
    assert.deepEqual(notices, [], 'a stop is no crash');
  });

  it('writes a child’s output straight to its log file, unread, and quotes it when the child fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'supervisor-logs-'));
    try {
      const lines: string[] = [];
      const logFile = join(dir, 'flaky.log');
      const child = new SupervisedChild(
        { name: 'flaky', entry: 'flaky-service.mjs', cwd: fixtures, env: process.env },
        { log: (_service, line) => lines.push(line), notice: () => undefined, logFile },
      );
      await child.start();
      await child.stop();
      assert.equal(await readFile(logFile, 'utf8'), '{"level":30,"msg":"listening"}\n');
      assert.deepEqual(lines, [], 'nothing passed through this process');

      const broken = new SupervisedChild(
        { name: 'broken', entry: 'missing-entry.mjs', cwd: fixtures, env: process.env },
        { log: () => undefined, notice: () => undefined, logFile: join(dir, 'broken.log') },
      );
      await assert.rejects(broken.start(), (error: Error) => {
        assert.match(error.message, /^broken exited \(code 1\) before it was ready\.\n/);
        assert.match(error.message, /missing-entry\.mjs/, 'the last lines, read back from the file');
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the start with the child’s last lines when it exits before ready', async () => {
    const child = new SupervisedChild(
      { name: 'broken', entry: 'missing-entry.mjs', cwd: fixtures, env: process.env },
      { log: () => undefined, notice: () => undefined },
    );
    await assert.rejects(child.start(), (error: Error) => {
      assert.ok(error instanceof LauncherError);
      assert.match(error.message, /^broken exited \(code 1\) before it was ready\.\n/);
      assert.match(error.message, /missing-entry\.mjs/);
      return true;
    });
  });
});

describe('start-up errors', () => {
  it('names a taken gateway port in one line', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const { port } = taken.address() as { port: number };
    const dataDir = await mkdtemp(join(tmpdir(), 'shop-launcher-'));
    try {
      await assert.rejects(startStack({ dataDir, ephemeralPorts: true, port, onLog: () => undefined }), {
        name: 'LauncherError',
        message: `Port ${port} for gateway is already in use; stop what uses it or pass another with --port.`,
      });
    } finally {
      taken.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('names a data folder it cannot write in one line', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'shop-launcher-'));
    const file = join(parent, 'not-a-folder');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, ''));
    await chmod(parent, 0o755);
    try {
      await assert.rejects(
        startStack({ dataDir: join(file, 'data'), onLog: () => undefined }),
        (error: Error) => {
          assert.equal(error.name, 'LauncherError');
          assert.match(
            error.message,
            /^Cannot write the data folder .*not-a-folder\/data \(ENOTDIR\); choose another with --data-dir\.$/,
          );
          return true;
        },
      );
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses replicas it cannot start, and a bus URL that is not NATS, in one line', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'shop-launcher-'));
    try {
      for (const replicas of [0, 1.5, 9]) {
        await assert.rejects(
          startStack({ dataDir, ephemeralPorts: true, replicas, onLog: () => undefined }),
          {
            name: 'LauncherError',
            message: `The replicas must be a whole number from 1 to 8, got ${replicas}.`,
          },
        );
      }
      await assert.rejects(
        startStack({ dataDir, ephemeralPorts: true, busUrl: 'amqp://127.0.0.1', onLog: () => undefined }),
        { name: 'LauncherError', message: /^The bus URL must be a nats:\/\/ URL/ },
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
