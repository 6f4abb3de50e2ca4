import type { Measured } from './measure.js';

export interface Interleaved {
  /** The scenario's round with the median ratio, with that ratio and its baseline's name. */
  median: Measured;
  /** Its baseline's measurement in the same round. */
  baseline: Measured;
  /** Every round's ratio, in the order measured. */
  ratios: number[];
}

/**
 * A scenario against its baseline in alternating rounds, ordered A B, B A, A B… so that a change in
 * the machine's other load (it moves from one minute to the next on a shared machine) falls on both
 * alike, and judged by the median round, which one disturbed measurement cannot move.
 */
export async function interleaved(
  rounds: number,
  baselineName: string,
  measureBaseline: (round: number) => Promise<Measured>,
  measureScenario: (round: number) => Promise<Measured>,
): Promise<Interleaved> {
  const pairs: { baseline: Measured; scenario: Measured; ratio: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    let baseline: Measured;
    let scenario: Measured;
    if (round % 2 === 1) {
      baseline = await measureBaseline(round);
      scenario = await measureScenario(round);
    } else {
      scenario = await measureScenario(round);
      baseline = await measureBaseline(round);
    }
    pairs.push({ baseline, scenario, ratio: scenario.reqPerSec / baseline.reqPerSec });
  }
  const sorted = [...pairs].sort((a, b) => a.ratio - b.ratio);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    median: { ...middle.scenario, baseline: baselineName, ratio: middle.ratio },
    baseline: middle.baseline,
    ratios: pairs.map((pair) => pair.ratio),
  };
}
