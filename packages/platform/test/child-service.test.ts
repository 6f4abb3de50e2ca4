import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ChildServiceError,
  spawnChildService,
  startChildService,
  type ChildServiceOptions,
  type ChildStream,
} from '@shop/platform';

const FIXTURE = join(import.meta.dirname, 'fixtures/child-service/service.mjs');

const fixture = (env: Record<string, string> = {}, options: Partial<ChildServiceOptions> = {}) => ({
  name: 'fixture',
  entry: FIXTURE,
  tsx: false,
  env: { PATH: process.env.PATH, ...env },
  ...options,
});

describe('startChildService', () => {
  test('resolves with the URL it reports over IPC, passes its lines, and stops it with SIGTERM', async () => {
    const lines: [ChildStream, string][] = [];
    const service = await startChildService(
      fixture({}, { onOutput: (line, stream) => lines.push([stream, line]) }),
    );
    assert.match(service.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(service.pid, service.child.pid);
    assert.equal(await (await fetch(service.url)).text(), 'ok');
    assert.deepEqual(await service.stop(), { code: 0, signal: null });
    assert.equal(service.hasExited, true);
    await assert.rejects(fetch(service.url), 'stopped');
    assert.deepEqual(
      lines.filter(([stream]) => stream === 'stdout').map(([, line]) => line),
      ['second line', 'stopping'],
      'every line, read to the end before `exited`',
    );
    assert.deepEqual(
      lines.filter(([stream]) => stream === 'stderr'),
      [['stderr', 'a line on stderr']],
    );
    assert.deepEqual(await service.stop(), { code: 0, signal: null }, 'a second stop: the same exit');
  });

  test('takes a first stdout line as the URL when told to', async () => {
    const service = await startChildService(fixture({ READY: 'stdout' }, { ready: 'stdout-url' }));
    assert.equal(await (await fetch(service.url)).text(), 'ok');
    assert.deepEqual(await service.kill(), { code: null, signal: 'SIGKILL' });
  });

  test('a child that exits first is an error naming how, with its last lines', async () => {
    await assert.rejects(startChildService(fixture({ EXIT_CODE: '4' })), (error: unknown) => {
      assert.ok(error instanceof ChildServiceError);
      assert.equal(error.service, 'fixture');
      assert.equal(error.reason, 'exited (code 4) before it was ready');
      assert.deepEqual(error.exit, { code: 4, signal: null });
      assert.equal(
        error.message,
        'fixture exited (code 4) before it was ready.\ncannot start: EXIT_CODE is set',
      );
      return true;
    });
  });

  test('a child that never reports ready is killed after the timeout', async () => {
    const service = spawnChildService(fixture({ READY: 'never' }, { readyTimeoutMs: 1_500 }));
    await assert.rejects(service.ready, /^ChildServiceError: fixture did not report ready within 1\.5 s\./);
    assert.equal((await service.exited).signal, 'SIGKILL');
  });

  test('a child that ignores SIGTERM is killed after the stop timeout', async () => {
    let timedOut = 0;
    const service = await startChildService(
      fixture({ STUBBORN: '1' }, { stopTimeoutMs: 300, onStopTimeout: () => timedOut++ }),
    );
    assert.deepEqual(await service.stop(), { code: null, signal: 'SIGKILL' });
    assert.equal(timedOut, 1);
  });

  test('a child stopped before it is ready rejects its `ready`', async () => {
    let listening: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (listening = resolve));
    const service = spawnChildService(
      fixture({ READY: 'never' }, { onOutput: (line) => line === 'second line' && listening() }),
    );
    await started;
    assert.equal((await service.stop()).code, 0);
    await assert.rejects(service.ready, { reason: 'exited (code 0) before it was ready' });
  });

  test('writes both streams to a log file, unread, and quotes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'child-service-'));
    try {
      const logFile = join(dir, 'fixture.log');
      const lines: string[] = [];
      const service = await startChildService(fixture({}, { logFile, onOutput: (line) => lines.push(line) }));
      await service.stop();
      assert.deepEqual(lines, [], 'nothing passed through this process');
      assert.deepEqual((await readFile(logFile, 'utf8')).split('\n').filter(Boolean).sort(), [
        'a line on stderr',
        'second line',
        'stopping',
      ]);
      assert.deepEqual(service.recentLines().sort(), ['a line on stderr', 'second line', 'stopping']);
      await assert.rejects(
        startChildService(fixture({ EXIT_CODE: '2' }, { logFile })),
        /^ChildServiceError: fixture exited \(code 2\) before it was ready\.\n(.*\n)*cannot start: EXIT_CODE is set$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a child that cannot be spawned is an error, not a crash', async () => {
    const service = spawnChildService(fixture({}, { cwd: '/nonexistent/child-service' }));
    await assert.rejects(service.ready, { reason: /^could not be started \(.*ENOENT/ });
    assert.equal(service.hasExited, true);
  });
});
