import type { ServiceDatabase } from './databases.js';
import type { StackSecrets } from './secrets.js';

export const SERVICES = ['payments-sandbox', 'users', 'products', 'orders', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Start order (each waits for the one before to be ready), default port, and the env to override it. */
export const SERVICE_PORTS: Record<ServiceName, { port: number; variable: string }> = {
  'payments-sandbox': { port: 3004, variable: 'SANDBOX_PORT' },
  users: { port: 3001, variable: 'USERS_PORT' },
  products: { port: 3002, variable: 'PRODUCTS_PORT' },
  orders: { port: 3003, variable: 'ORDERS_PORT' },
  gateway: { port: 3000, variable: 'PORT' },
};

export interface StackPlan {
  /** The base URL of each instance of each service (the sandbox always has one). */
  urls: Record<ServiceName, string[]>;
  ports: Record<ServiceName, number[]>;
  databases: Record<ServiceDatabase, string>;
  /** BUS_URL of every service: the bus database (pg-boss) or a NATS server. */
  busUrl: string;
  secrets: StackSecrets;
  dataDir: string;
  logLevel: string;
  /** Where the gateway listens (the services stay on loopback). */
  gatewayHost: string;
  admin: { email: string; password: string } | undefined;
}

/** Variables a service must get from its launcher, never from the launcher's own environment. */
const MANAGED = [
  'HOST',
  'PORT',
  'DATABASE_URL',
  'BUS_URL',
  'JWKS_URL',
  'TOKEN_URL',
  'SERVICE_CLIENT_ID',
  'SERVICE_CLIENT_SECRET',
  'SERVICE_CLIENTS',
  'USERS_URL',
  'PRODUCTS_URL',
  'ORDERS_URL',
  'DATA_DIR',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'SANDBOX_API_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_API_URL',
  'STRIPE_WEBHOOK_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'JWT_SIGNING_KEYS',
];

/**
 * The environment of one instance of a service, as CONTRIBUTING.md's table describes it. A
 * service's neighbours are given as the list of their instances' URLs (there is no load balancer
 * on one machine): the clients spread calls over them and stop calling one that is down.
 */
export function serviceEnv(
  name: ServiceName,
  plan: StackPlan,
  base: NodeJS.ProcessEnv,
  instance = 0,
): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(base).filter(([key]) => !MANAGED.includes(key)));
  const { databases, secrets } = plan;
  const all = (service: ServiceName, path = '') => plan.urls[service].map((url) => `${url}${path}`).join(',');
  const publicUrl = base.PUBLIC_URL ?? plan.urls.gateway[0]!;
  const common = {
    HOST: name === 'gateway' ? plan.gatewayHost : '127.0.0.1',
    PORT: String(plan.ports[name][instance]),
    LOG_LEVEL: plan.logLevel,
  };
  const client = (id: 'users' | 'products' | 'orders') => ({
    TOKEN_URL: all('users', '/internal/oauth/token'),
    SERVICE_CLIENT_ID: id,
    SERVICE_CLIENT_SECRET: secrets.clients[id],
  });
  const verifier = { JWKS_URL: all('users', '/.well-known/jwks.json'), JWT_ISSUER: 'shop-users' };
  const own = (database: ServiceDatabase) => ({
    DATABASE_URL: databases[database],
    BUS_URL: plan.busUrl,
    // The gateway reaches every service from loopback and tells it the client's address; without
    // this a service would count every customer as the gateway (one login budget for everyone).
    TRUSTED_PROXIES: '127.0.0.1',
  });

  const specific: Record<ServiceName, Record<string, string | undefined>> = {
    'payments-sandbox': {
      // Each attempt of a delivery goes to the next instance of orders (see the sandbox's config).
      WEBHOOK_URL: all('orders', '/api/v1/payments/webhook'),
      WEBHOOK_SECRET: secrets.webhookSecret,
      SANDBOX_API_KEY: secrets.stripeSecretKey,
    },
    users: {
      ...own('users'),
      ...client('users'),
      SERVICE_CLIENTS: Object.entries(secrets.clients)
        .map(([id, secret]) => `${id}:${secret}`)
        .join(','),
      DATA_DIR: `${plan.dataDir}/users`,
      // Replicas must sign with the same keys; one instance alone rotates its own under DATA_DIR.
      JWT_SIGNING_KEYS:
        plan.urls.users.length > 1 && secrets.signingKey ? JSON.stringify([secrets.signingKey]) : undefined,
      MAILER: base.MAILER ?? 'capture',
      // The captured-mail reader (/dev/mailbox), answered on loopback only; never set in production.
      DEV_ROUTES: base.DEV_ROUTES ?? 'true',
      PUBLIC_URL: publicUrl,
      PRODUCTS_URL: all('products'),
      ADMIN_EMAIL: plan.admin?.email,
      ADMIN_PASSWORD: plan.admin?.password,
    },
    products: { ...own('products'), ...client('products'), ...verifier },
    orders: {
      ...own('orders'),
      ...client('orders'),
      ...verifier,
      USERS_URL: all('users'),
      PRODUCTS_URL: all('products'),
      STRIPE_SECRET_KEY: secrets.stripeSecretKey,
      STRIPE_API_URL: plan.urls['payments-sandbox'][0],
      STRIPE_WEBHOOK_SECRET: secrets.webhookSecret,
      // Where 3-D Secure sends the shopper back: the storefront, on whatever port it runs.
      PAYMENT_RETURN_URL: `${publicUrl}/orders/return`,
    },
    gateway: {
      USERS_URL: all('users'),
      PRODUCTS_URL: all('products'),
      ORDERS_URL: all('orders'),
      PUBLIC_URL: publicUrl,
    },
  };
  const env: NodeJS.ProcessEnv = { ...inherited, ...common };
  for (const [key, value] of Object.entries(specific[name])) if (value !== undefined) env[key] = value;
  return env;
}
