import { createApp, type App, type AppOptions } from '../app/create-app.js';
import { trustedProxies } from '../config.js';
import { createPool, type Pool } from '../db/pool.js';
import type { Bus } from '../messaging/bus.js';
import { createBus } from '../messaging/create-bus.js';
import type { EventConsumer } from '../messaging/idempotent-consumer.js';
import { createOutbox, type Outbox } from '../messaging/outbox.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';

/** The variables a service with its own database and events reads (commonConfig + busConfig). */
export interface ServiceCoreConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  BUS_URL: string;
  OUTBOX_SWEEP_MS: number;
  /** proxyConfig's: whose X-Forwarded-For is believed (request.ip is then the client's address). */
  TRUSTED_PROXIES?: string;
  /** commonConfig's: how long a request may take to arrive. */
  REQUEST_TIMEOUT_MS?: number;
}

export interface ServiceCoreOptions {
  service: string;
  config: ServiceCoreConfig;
  /** A bus instead of one made from BUS_URL (tests with other retry settings); started and stopped here. */
  bus?: Bus | undefined;
  /** The rest of createApp's options: the OpenAPI document, body limit, trusted proxies. */
  app?: Omit<AppOptions, 'service' | 'logLevel' | 'readiness'>;
}

export interface ServiceCore {
  app: App;
  pool: Pool;
  bus: Bus;
  /** Writes this service's events (source = the service name) in the caller's transaction. */
  outbox: Outbox;
  /** Subscribes these consumers when start() runs. */
  consume(...consumers: EventConsumer[]): void;
  /** The names of the subscriptions consumed, for the dead-letter routes. */
  readonly subscriptions: string[];
  /** Starts the bus, subscribes the consumers, starts the outbox relay. */
  start(): Promise<void>;
  /**
   * Stops the relay and the bus (consumers finish the event in hand), runs `beforePoolEnd`
   * (workers that still need the database), then closes the pool.
   */
  stop(beforePoolEnd?: () => Promise<void>): Promise<void>;
}

/**
 * What every service that owns a database and speaks in events is built on: the app (readiness
 * checks the database, and the bus once started), the pool, the bus, the outbox and its relay,
 * and the consumers; the service adds its routes and its own workers around start() and stop().
 */
export async function createServiceCore(options: ServiceCoreOptions): Promise<ServiceCore> {
  const { service, config } = options;
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    applicationName: service,
  });
  let busStarted = false;
  const app = await createApp({
    ...(config.TRUSTED_PROXIES ? { trustProxy: trustedProxies(config.TRUSTED_PROXIES) } : {}),
    ...(config.REQUEST_TIMEOUT_MS ? { requestTimeoutMs: config.REQUEST_TIMEOUT_MS } : {}),
    ...options.app,
    service,
    logLevel: config.LOG_LEVEL,
    readiness: {
      db: async () => void (await pool.query('SELECT 1')),
      bus: async () => {
        if (!busStarted) throw new Error('not started');
        await bus.ping();
      },
    },
  });
  const bus = options.bus ?? (await createBus(config.BUS_URL, app.log));
  const relay = new OutboxRelay({
    pool,
    connectionString: config.DATABASE_URL,
    bus,
    log: app.log,
    sweepMs: config.OUTBOX_SWEEP_MS,
  });
  const consumers: EventConsumer[] = [];

  return {
    app,
    pool,
    bus,
    outbox: createOutbox(service),
    consume: (...more) => void consumers.push(...more),
    get subscriptions() {
      return consumers.map((consumer) => consumer.subscription.name);
    },
    async start() {
      await bus.start();
      busStarted = true;
      for (const { subscription, handler } of consumers) await bus.consume(subscription, handler);
      await relay.start();
    },
    async stop(beforePoolEnd) {
      await relay.stop();
      await bus.stop();
      busStarted = false;
      await beforePoolEnd?.();
      await pool.end();
    },
  };
}
