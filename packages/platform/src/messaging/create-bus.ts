import type { Log as Logger } from '../logger.js';
import type { Bus } from './bus.js';
import { PgBossBus } from './pg-boss-bus.js';

/** Picks the bus adapter from the URL scheme: postgres:// (pg-boss) or nats:// (JetStream). */
export async function createBus(url: string, log: Logger): Promise<Bus> {
  const scheme = new URL(url).protocol;
  if (scheme === 'postgres:' || scheme === 'postgresql:')
    return new PgBossBus({ connectionString: url, log });
  if (scheme === 'nats:') {
    const { NatsBus } = await import('./nats-bus.js');
    return new NatsBus({ servers: url, log });
  }
  throw new Error(`BUS_URL must start with postgres:// or nats:// (got ${scheme})`);
}
