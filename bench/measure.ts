import autocannon from 'autocannon';
import { CpuMeter, cpuPerRequest } from './cpu.js';
import type { BenchRequest } from './scenario.js';

const meter = new CpuMeter();

export interface Measured {
  name: string;
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** CPU microseconds per request of each process group that took part (bench = autocannon). */
  cpuUsPerRequest: Record<string, number>;
  baseline?: string;
  ratio?: number;
  /** With a target ratio: the ratio of each round against the baseline (the median is `ratio`). */
  rounds?: number[];
  /** req/s relative to the bare Fastify hello-world at the same connection count. */
  helloRatio?: number;
  /** What the issue asks of this scenario, and whether this run met it. */
  target?: { ratio?: number; p95Ms?: number; met: boolean };
}

/**
 * Replays `requests` against `url` for `duration` seconds (or `amount` requests in all, when
 * given). Latency percentiles are computed from every response time (autocannon's summary has
 * no p95, which the search target needs). Several URLs (the gateway's replicas) share the
 * connections between them, one autocannon each, as a load balancer in front of them would.
 */
export async function measure(
  name: string,
  url: string | string[],
  requests: BenchRequest[],
  options: { connections: number; duration: number; amount?: number },
): Promise<Measured> {
  const urls = typeof url === 'string' ? [url] : url;
  const share = (total: number, i: number) =>
    Math.floor(total / urls.length) + (i < total % urls.length ? 1 : 0);
  const times: number[] = [];
  const cpuBefore = meter.read();
  const results = await Promise.all(
    urls.map((target, i) => {
      const run = autocannon({
        url: target,
        connections: Math.max(1, share(options.connections, i)),
        duration: options.duration,
        ...(options.amount === undefined ? {} : { amount: Math.max(1, share(options.amount, i)) }),
        requests,
      });
      run.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
      return run;
    }),
  );
  const cpuUsPerRequest = cpuPerRequest(cpuBefore, meter.read(), times.length);
  times.sort((a, b) => a - b);
  const sum = (pick: (result: (typeof results)[number]) => number) =>
    results.reduce((total, result) => total + pick(result), 0);
  return {
    name,
    connections: options.connections,
    reqPerSec: Math.round(sum((r) => r.requests.average)),
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    cpuUsPerRequest,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

export function print(m: Measured) {
  const ratio =
    (m.ratio === undefined ? '' : `  ×${m.ratio.toFixed(2)} of ${m.baseline}`) +
    (m.rounds === undefined ? '' : ` (median of ${m.rounds.map((r) => `×${r.toFixed(2)}`).join(' ')})`) +
    (m.helloRatio === undefined ? '' : `  (×${m.helloRatio.toFixed(3)} of hello)`);
  const target =
    m.target === undefined
      ? ''
      : `  target ${m.target.ratio === undefined ? '' : `×${m.target.ratio}`}${m.target.p95Ms === undefined ? '' : `p95≤${m.target.p95Ms} ms`}: ${m.target.met ? 'met' : 'MISSED'}`;
  const failures = m.non2xx + m.errors > 0 ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : '';
  const ms = (value: number) => String(value).padStart(5);
  console.log(
    `${m.name.padEnd(24)} ${String(m.connections).padStart(3)} conn ${String(m.reqPerSec).padStart(7)} req/s  p50 ${ms(m.p50Ms)}  p95 ${ms(m.p95Ms)}  p99 ${ms(m.p99Ms)} ms${ratio}${target}${failures}`,
  );
  const cpu = Object.entries(m.cpuUsPerRequest)
    .sort(([, a], [, b]) => b - a)
    .map(([group, us]) => `${group} ${us}`)
    .join(' · ');
  if (cpu) console.log(`${''.padEnd(24)} CPU µs per request: ${cpu}`);
}
