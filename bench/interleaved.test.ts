import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interleaved } from './interleaved.js';
import type { Measured } from './measure.js';

const run = (name: string, reqPerSec: number): Measured => ({
  name,
  connections: 32,
  reqPerSec,
  p50Ms: 1,
  p95Ms: 2,
  p99Ms: 3,
  non2xx: 0,
  errors: 0,
  cpuUsPerRequest: {},
});

test('rounds alternate A B, B A, A B and are judged by the median round', async () => {
  const order: string[] = [];
  const baselineRates = [1000, 1000, 500]; // the third round's baseline was disturbed
  const scenarioRates = [800, 900, 700];
  const judged = await interleaved(
    3,
    'forwarder-pk-read',
    async (round) => {
      order.push(`baseline ${round}`);
      return run('baseline', baselineRates[round - 1]!);
    },
    async (round) => {
      order.push(`scenario ${round}`);
      return run('scenario', scenarioRates[round - 1]!);
    },
  );
  assert.deepEqual(order, [
    'baseline 1',
    'scenario 1',
    'scenario 2',
    'baseline 2',
    'baseline 3',
    'scenario 3',
  ]);
  assert.deepEqual(judged.ratios, [0.8, 0.9, 1.4]);
  assert.equal(judged.median.ratio, 0.9, 'the disturbed round (×1.4) does not decide');
  assert.equal(judged.median.reqPerSec, 900, "the median round's own numbers");
  assert.equal(judged.median.baseline, 'forwarder-pk-read');
  assert.equal(judged.baseline.reqPerSec, 1000, "and its baseline's");
});
