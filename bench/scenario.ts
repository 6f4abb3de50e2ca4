import type { Stack } from '@shop/launcher';

/** One request as autocannon takes it in `requests`. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: BenchRequest) => BenchRequest;
}

/** What the issues ask of a scenario: a share of its baseline's req/s, or a latency bound. */
export interface Target {
  ratio?: number;
  p95Ms?: number;
}

/**
 * A scenario is a module in bench/scenarios/ exporting `name` and either
 *  - `setup(stack)` → `{ requests }`: autocannon replays them against the gateway with
 *    `connections` (default `--connections`), and the result is compared with the baseline named
 *    by `baseline` (default `forwarder-pk-read`) measured at the same number of connections, and
 *    with its `target` when it has one; or
 *  - `run(stack)` → any JSON result, for measurements that are not a request rate (time to settle…).
 */
export interface LoadScenario {
  name: string;
  baseline?: string;
  connections?: number;
  target?: Target;
  setup(stack: Stack): Promise<{ requests: BenchRequest[]; connections?: number }>;
}

export interface CustomScenario {
  name: string;
  run(stack: Stack): Promise<unknown>;
}

export type Scenario = LoadScenario | CustomScenario;
