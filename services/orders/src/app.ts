import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  createGuards,
  createServiceCore,
  createTokenVerifier,
  registerDeadLetterRoutes,
  SessionRevocations,
  type App,
  type Bus,
  type TokenVerifierOptions,
  type Log,
} from '@shop/platform';
import { registerCartRoutes } from './api/cart.routes.js';
import { registerOrderEventRoutes } from './api/order-events.routes.js';
import { registerOrderRoutes } from './api/orders.routes.js';
import { registerPaymentRoutes } from './api/payments.routes.js';
import { connectNeighbours } from './clients/neighbours.js';
import type { Config } from './config.js';
import { CartRepository } from './data/cart-repository.js';
import { ErasureRepository } from './data/erasure-repository.js';
import { IdempotencyRepository } from './data/idempotency-repository.js';
import { OrderRepository } from './data/order-repository.js';
import { ProductFactRepository } from './data/product-facts-repository.js';
import { SagaLeaseRepository } from './data/saga-lease-repository.js';
import { AccountErasure } from './domain/account-erasure.js';
import { Carts } from './domain/cart.js';
import { LiveStreams } from './domain/live-streams.js';
import { ManageOrder } from './domain/manage-order.js';
import { OrderHistory } from './domain/order-history.js';
import { OrderSaga } from './domain/order-saga.js';
import { OrderTracking } from './domain/order-tracking.js';
import { PaymentEvents } from './domain/payment-events.js';
import { PlaceOrder } from './domain/place-order.js';
import type { Faults } from './domain/ports.js';
import { accountErasureEvents } from './messaging/account-erasure.consumer.js';
import { OrderStatusFeed } from './messaging/order-status-feed.js';
import { productFactEvents } from './messaging/product-facts.consumer.js';
import { sessionRevocationEvents } from './messaging/session-revocations.consumer.js';
import { SagaRecovery } from './workers/saga-recovery.js';

export interface AppDeps {
  /** A key set instead of JWKS_URL (tests that sign their own tokens). */
  jwks?: TokenVerifierOptions['jwks'];
  /** A bus instead of one made from BUS_URL (tests that want fewer retries); stopped by stop(). */
  bus?: Bus;
}

export interface OrdersApp {
  app: App;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Runs one recovery pass now (tests). */
  recover: () => Promise<void>;
  /** Live-tracking streams open on this process. */
  followers: () => number;
  /** The live-tracking streams of this process, by user (tests; see LiveStreams). */
  streams: LiveStreams;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<OrdersApp> {
  const core = await createServiceCore({
    service: 'orders',
    config,
    bus: deps.bus,
    app: {
      openapi: {
        title: 'Orders',
        description:
          'Cart, checkout (an orchestrated saga over products and the payment gateway), order history and live tracking.',
      },
    },
  });
  const { app, pool } = core;
  const log: Log = app.log;
  // Sessions ended in users (logout, password change, a disabled account) are refused here at once.
  const revocations = new SessionRevocations({ pool, connectionString: config.DATABASE_URL, log });
  core.consume(
    productFactEvents(pool),
    accountErasureEvents(pool),
    sessionRevocationEvents(pool, revocations),
  );

  const guards = createGuards(
    createTokenVerifier({ jwks: deps.jwks ?? config.JWKS_URL, issuer: config.JWT_ISSUER }),
    { service: 'orders', isRevoked: (sessionId) => revocations.isRevoked(sessionId) },
  );
  const neighbours = connectNeighbours(config, log);
  const { products, payments } = neighbours;

  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clock = () => new Date();
  const store = new OrderRepository(
    pool,
    core.outbox,
    config.PAYMENT_POLL_SECONDS,
    config.SAGA_LEASE_SECONDS,
  );
  const leases = new SagaLeaseRepository(pool, config.PAYMENT_POLL_SECONDS);
  const cartStore = new CartRepository(pool);
  const keys = new IdempotencyRepository(pool);
  const saga = new OrderSaga({
    store,
    leases,
    inventory: products,
    payments,
    faults: faultHook(config, log),
    owner,
    leaseSeconds: config.SAGA_LEASE_SECONDS,
    reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
    clock,
    log,
  });
  const feed = new OrderStatusFeed(config.DATABASE_URL, log);
  const erasure = new AccountErasure({
    erasures: new ErasureRepository(pool),
    orders: store,
    watchSeconds: config.ERASURE_WATCH_SECONDS,
    recheckSeconds: config.ERASURE_RECHECK_SECONDS,
  });
  const recovery = new SagaRecovery({
    saga,
    leases,
    owner,
    intervalMs: config.SAGA_INTERVAL_MS,
    leaseSeconds: config.SAGA_LEASE_SECONDS,
    beforePass: () => erasure.progress(),
    housekeeping: async () => void (await keys.purge(config.IDEMPOTENCY_RETENTION_HOURS)),
    log,
  });

  registerCartRoutes(app, {
    guards,
    carts: new Carts({ carts: cartStore, catalog: products, facts: new ProductFactRepository(pool) }),
  });
  registerOrderRoutes(app, {
    guards,
    placeOrder: new PlaceOrder({
      store,
      keys,
      carts: cartStore,
      catalog: products,
      addresses: neighbours.addresses,
      saga,
      erasure,
      clock,
      owner,
      shipping: { fee: config.SHIPPING_FEE, freeFrom: config.FREE_SHIPPING_FROM },
      paymentTimeoutSeconds: config.PAYMENT_TIMEOUT_SECONDS,
      unpaid: {
        orders: config.MAX_UNPAID_ORDERS_PER_CUSTOMER,
        units: config.MAX_UNPAID_UNITS_PER_CUSTOMER,
      },
      lockSeconds: config.SAGA_LEASE_SECONDS,
      idempotencyWaitMs: config.IDEMPOTENCY_WAIT_MS,
    }),
    manage: new ManageOrder({ store, saga }),
    history: new OrderHistory({ store, carts: cartStore, catalog: products }),
  });
  // Live-tracking streams of this process; a revoked session's end at once, on every replica.
  const streams = new LiveStreams({
    limits: {
      perUser: config.MAX_ORDER_STREAMS_PER_USER,
      maxLifetimeMs: config.ORDER_STREAM_MAX_SECONDS * 1000,
    },
    clock,
  });
  revocations.onRevoked((sessionIds) => streams.endSessions(sessionIds));
  registerOrderEventRoutes(app, {
    guards,
    tracking: new OrderTracking({ store, feed }),
    streams,
    heartbeatMs: config.SSE_HEARTBEAT_MS,
  });
  await registerPaymentRoutes(app, {
    events: new PaymentEvents({ store, payments, saga }),
    parse: (body, signature) => payments.parseWebhook(body, signature),
  });
  registerDeadLetterRoutes(app, { bus: core.bus, subscriptions: core.subscriptions, guards });

  return {
    app,
    async start() {
      await revocations.start();
      await feed.start();
      await core.start();
      recovery.start();
    },
    async stop() {
      await recovery.stop();
      await feed.stop();
      await core.stop(() => revocations.stop());
      await neighbours.close();
    },
    recover: () => recovery.runOnce(),
    followers: () => feed.subscribers,
    streams,
  };
}

/** ORDERS_FAULT: die like a crash (SIGKILL, no cleanup) at the named saga step. Inert when unset. */
function faultHook(config: Config, log: Log): Faults {
  const fault = config.ORDERS_FAULT;
  if (!fault) return () => undefined;
  log.warn({ fault }, 'ORDERS_FAULT is set: this process will kill itself at that saga step');
  return (point) => {
    if (point !== fault) return;
    log.fatal({ fault }, 'fault hook reached: crashing');
    process.kill(process.pid, 'SIGKILL');
  };
}
