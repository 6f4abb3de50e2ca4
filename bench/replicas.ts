/**
 * The product page and the checkout again on the same data, with two replicas of every service
 * and the events over NATS JetStream, beside their single-replica figures from the same run. On
 * one 2-core machine this shows what coordination costs (more processes sharing the cores, the
 * balancing, a bus across a network hop), not more throughput: that needs more machines.
 */
import { startStack, type StackOptions } from '@shop/launcher';
import { measure, print, type Measured } from './measure.js';
import type { LoadScenario } from './scenario.js';

/** The scenarios run again with replicas. */
export const REPLICATED_SCENARIOS = ['products-detail', 'orders-checkout'];

export interface ReplicaRunOptions {
  replicas: number;
  natsUrl: string;
  scenarios: LoadScenario[];
  /** The single-replica figures of this run, to print beside. */
  single: Measured[];
  connections: number;
  duration: number;
  /** Everything the first stack was started with (data folder, logs, environment). */
  stack: StackOptions;
}

export async function measureReplicas(options: ReplicaRunOptions): Promise<Measured[]> {
  const url = new URL(options.natsUrl);
  // Streams of their own, kept between runs like the database: the durable consumers find their place.
  url.searchParams.set('streamPrefix', 'bench');
  const stack = await startStack({ ...options.stack, replicas: options.replicas, busUrl: url.toString() });
  const label = `×${options.replicas} replicas, NATS`;
  const measured: Measured[] = [];
  try {
    for (const scenario of options.scenarios) {
      const { requests, connections: asked } = await scenario.setup(stack);
      const connections = scenario.connections ?? asked ?? options.connections;
      const result = await measure(`${scenario.name} (${label})`, stack.gatewayUrls, requests, {
        connections,
        duration: options.duration,
      });
      const single = options.single.find((m) => m.name === scenario.name && m.connections === connections);
      if (single)
        Object.assign(result, {
          baseline: `${scenario.name} (1 replica)`,
          ratio: result.reqPerSec / single.reqPerSec,
        });
      print(result);
      measured.push(result);
    }
  } finally {
    await stack.stop();
  }
  return measured;
}
