import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'node:test';
import { PeriodicTask } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';

const quiet = { warn: () => undefined };
const HOUR = 3_600_000;

/** A run that waits until released, so a test decides when it ends. */
function gatedRun() {
  let runs = 0;
  let release: () => void = () => undefined;
  return {
    get runs() {
      return runs;
    },
    release: () => release(),
    run: () => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    },
  };
}

test('a task runs at start only when asked to; a wake before start is ignored', async () => {
  let runs = 0;
  const later = new PeriodicTask({
    name: 'later',
    intervalMs: HOUR,
    log: quiet,
    run: async () => void runs++,
  });
  later.wake();
  later.start();
  await tick();
  assert.equal(runs, 0);
  later.wake();
  await waitFor(() => assert.equal(runs, 1, 'ran when woken'));
  await later.stop();

  const now = new PeriodicTask({
    name: 'now',
    intervalMs: HOUR,
    log: quiet,
    runAtStart: true,
    run: async () => void runs++,
  });
  now.start();
  await waitFor(() => assert.equal(runs, 2, 'ran at start'));
  await now.stop();
});

test('wakes during a run make one more run after it, not one each', async () => {
  const gate = gatedRun();
  const task = new PeriodicTask({ name: 'gated', intervalMs: HOUR, log: quiet, run: gate.run });
  task.start();
  task.wake();
  task.wake();
  task.wake();
  assert.equal(gate.runs, 1);
  gate.release();
  await waitFor(() => assert.equal(gate.runs, 2, 'one more run'));
  gate.release();
  await task.idle();
  assert.equal(gate.runs, 2);
  await task.stop();
});

test('a failed run is logged and the timer goes on', async () => {
  const warnings: string[] = [];
  let runs = 0;
  const task = new PeriodicTask({
    name: 'flaky sweep',
    intervalMs: 5,
    log: { warn: (_details: object, message: string) => void warnings.push(message) },
    runAtStart: true,
    run: async () => {
      if (++runs === 1) throw new Error('database restarting');
    },
  });
  task.start();
  await waitFor(() => assert.ok(runs >= 3, 'kept running'));
  await task.stop();
  assert.deepEqual(warnings, ['flaky sweep failed']);
});

test('stop waits for the run in progress; nothing runs after it', async () => {
  const gate = gatedRun();
  const task = new PeriodicTask({
    name: 'gated',
    intervalMs: 5,
    log: quiet,
    runAtStart: true,
    run: gate.run,
  });
  task.start();
  assert.equal(task.active, true);
  let stopped = false;
  const stopping = task.stop().then(() => (stopped = true));
  assert.equal(task.active, false, 'a long run can see it should end early');
  await tick();
  assert.equal(stopped, false, 'still waiting for the run');
  gate.release();
  await stopping;
  task.wake();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(gate.runs, 1);
});
