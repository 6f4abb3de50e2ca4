import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, runMigrations, type Pool } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { buildApp, type AppDeps, type OrdersApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { migrationsDirectory } from '../../src/migrations-directory.js';
import { startChildService, type ChildService } from './child-service.js';
import { Shop, type Customer } from './shop.js';

export const SANDBOX_KEY = 'sk_test_orders_suite';
export const WEBHOOK_SECRET = 'whsec_orders_suite';
export const TEST_ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 Rue de Rivoli',
  line2: null,
  city: 'Paris',
  postalCode: '75001',
  region: null,
  country: 'FR',
  phone: null,
};
const ADMIN = { email: 'admin@orders.test', password: 'correct horse battery staple 42' };

export interface ApiOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface OrdersUnderTest {
  /** The orders service under test, in this process (inject()) and listening (webhooks, SSE). */
  orders: OrdersApp;
  ordersUrl: string;
  ordersEnv: Record<string, string>;
  /** The orders database, to assert on what was (and was not) written. */
  db: Pool;
  users: ChildService;
  products: ChildService;
  sandbox: ChildService;
  shop: Shop;
  /** A request to orders through inject(), as `token`'s owner. */
  api(method: string, url: string, options?: ApiOptions): Promise<ApiAnswer>;
  /** Places an order (a fresh Idempotency-Key unless one is given). */
  checkout(customer: Customer, body?: Record<string, unknown>, key?: string): Promise<ApiAnswer>;
  /** Starts orders again in this process (after `stopOrders`), e.g. with other settings. */
  restartOrders(env?: Record<string, string>, deps?: AppDeps): Promise<void>;
  stopOrders(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real neighbours of orders, each its own process on its own database (users, products, the
 * payment sandbox), and orders itself built in this process: what every orders test runs against.
 */
export async function startOrders(ordersEnv: Record<string, string> = {}): Promise<OrdersUnderTest> {
  const dbs: TestDatabase[] = [];
  const database = async (name: string) => {
    const db = await createTestDatabase(name);
    dbs.push(db);
    return db.url;
  };
  const [usersDb, productsDb, ordersDb, busDb] = await Promise.all([
    database('orders_users'),
    database('orders_products'),
    database('orders'),
    database('orders_bus'),
  ]);
  const dataDir = await mkdtemp(join(tmpdir(), 'orders-test-users-'));
  const secret = () => randomBytes(24).toString('hex');
  const clients = { orders: secret(), products: secret() };

  // A neighbour that fails to start must not leave the others running (the file would hang).
  const started: ChildService[] = [];
  const track = async (name: string, env: Record<string, string>) => {
    const service = await startChildService(name, env);
    started.push(service);
    return service;
  };
  const abandon = async (error: unknown): Promise<never> => {
    await Promise.allSettled(started.map((service) => service.stop()));
    await Promise.allSettled(dbs.map((d) => d.drop()));
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  };
  let users: ChildService, products: ChildService, sandbox: ChildService;
  try {
    users = await track('users', {
      DATABASE_URL: usersDb,
      BUS_URL: busDb,
      DATA_DIR: dataDir,
      SERVICE_CLIENTS: `orders:${clients.orders},products:${clients.products}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_ITERATIONS: '1',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
    });
    const jwks = `${users.url}/.well-known/jwks.json`;
    const tokenUrl = `${users.url}/internal/oauth/token`;
    const [p, s] = await Promise.allSettled([
      track('products', {
        DATABASE_URL: productsDb,
        BUS_URL: busDb,
        JWKS_URL: jwks,
        TOKEN_URL: tokenUrl,
        SERVICE_CLIENT_ID: 'products',
        SERVICE_CLIENT_SECRET: clients.products,
        RESERVATION_SWEEP_MS: '500',
      }),
      track('payments-sandbox', { SANDBOX_API_KEY: SANDBOX_KEY, WEBHOOK_SECRET }),
    ]);
    if (p.status === 'rejected') throw p.reason;
    if (s.status === 'rejected') throw s.reason;
    [products, sandbox] = [p.value, s.value];
  } catch (error) {
    return abandon(error);
  }

  const baseEnv: Record<string, string> = {
    DATABASE_URL: ordersDb,
    DATABASE_POOL_SIZE: '20',
    BUS_URL: busDb,
    JWKS_URL: `${users.url}/.well-known/jwks.json`,
    TOKEN_URL: `${users.url}/internal/oauth/token`,
    SERVICE_CLIENT_ID: 'orders',
    SERVICE_CLIENT_SECRET: clients.orders,
    PRODUCTS_URL: products.url,
    USERS_URL: users.url,
    STRIPE_SECRET_KEY: SANDBOX_KEY,
    STRIPE_API_URL: sandbox.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LOG_LEVEL: process.env.TEST_LOG ?? 'warn',
    SAGA_INTERVAL_MS: '500',
    SAGA_LEASE_SECONDS: '5',
    PAYMENT_POLL_SECONDS: '2',
    SSE_HEARTBEAT_MS: '1000',
    ...ordersEnv,
  };
  const migrationPool = createPool({ connectionString: ordersDb, max: 1 });
  await runMigrations(migrationPool, migrationsDirectory);
  await migrationPool.end();

  const db = createPool({ connectionString: ordersDb, max: 4 });
  const shop = new Shop({
    usersUrl: users.url,
    productsUrl: products.url,
    sandboxUrl: sandbox.url,
    admin: ADMIN,
  });

  let orders: OrdersApp | undefined;
  let ordersUrl = '';
  const world: OrdersUnderTest = {
    get orders() {
      return orders!;
    },
    get ordersUrl() {
      return ordersUrl;
    },
    ordersEnv: baseEnv,
    db,
    users,
    products,
    sandbox,
    shop,
    async api(method, url, options = {}) {
      const response = await orders!.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      const json = String(response.headers['content-type'] ?? '').includes('json') && response.body;
      return {
        status: response.statusCode,
        headers: response.headers,
        body: json ? response.json() : response.body,
      };
    },
    async checkout(customer, body = {}, key = randomUUID()) {
      return world.api('POST', '/api/v1/orders', {
        token: customer.token,
        headers: { 'idempotency-key': key },
        body: { paymentMethod: 'pm_card_visa', shippingAddress: TEST_ADDRESS, ...body },
      });
    },
    async restartOrders(env = {}, deps = {}) {
      orders = await buildApp(loadConfig({ ...baseEnv, ...env }), deps);
      ordersUrl = await orders.app.listen({ host: '127.0.0.1', port: 0 });
      await orders.start();
      shop.ordersUrl = ordersUrl;
      await shop.sandbox('PUT', '/_sandbox/config', { webhookUrl: `${ordersUrl}/api/v1/payments/webhook` });
    },
    async stopOrders() {
      if (!orders) return;
      await orders.app.close();
      await orders.stop();
      orders = undefined;
    },
    async close() {
      await world.stopOrders();
      await db.end();
      await Promise.allSettled([users.stop(), products.stop(), sandbox.stop()]);
      await Promise.allSettled(dbs.map((d) => d.drop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  await world.restartOrders();
  return world;
}
