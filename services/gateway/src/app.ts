import { join } from 'node:path';
import { compile } from '@fastify/proxy-addr';
import fastifyStatic from '@fastify/static';
import swaggerUi from '@fastify/swagger-ui';
import { createApp, packageRoot, type App } from '@shop/platform';
import type { FastifySchema } from 'fastify';
import type { Config } from './config.js';
import { registerDeadLetterRoutes } from './admin/dead-letters.routes.js';
import { registerProtection } from './edge/protection.js';
import { createRateLimitStore } from './edge/create-rate-limit-store.js';
import { ApiCatalog } from './openapi/catalog.js';
import type { OpenApiDocument } from './openapi/merge.js';
import { registerDocsRoutes } from './openapi/docs.routes.js';
import { Upstream } from './proxy/forwarder.js';
import { registerProxyRoutes } from './proxy/proxy.routes.js';
import { StreamGate } from './proxy/stream-gate.js';
import type { UpstreamName } from './route-table.js';

const publicDir = join(packageRoot(import.meta.url), 'public');
/** Storefront pages that links in mails and a payment's return open, with their routes' operationIds. */
const STOREFRONT_ENTRY_PAGES = {
  '/verify-email': 'openVerifyEmailPage',
  '/reset-password': 'openResetPasswordPage',
  '/unlock': 'openUnlockPage',
  '/orders/return': 'openPaymentReturnPage',
};

/** An empty list lets nobody read /metrics. */
function metricsReaders(allowed: string[]): (address: string) => boolean {
  if (allowed.length === 0) return () => false;
  const trusted = compile(allowed);
  return (address) => trusted(address, 0);
}

export interface GatewayApp {
  app: App;
  catalog: ApiCatalog;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The single public entry: storefront, API docs, and the API proxied to the services. */
export async function buildApp(config: Config): Promise<GatewayApp> {
  const app = await createApp({
    service: 'gateway',
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUSTED_PROXIES,
    // The gateway is public: its request counts and latencies are for the cluster's Prometheus.
    metricsReaders: metricsReaders(config.METRICS_ALLOWED_FROM),
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    // The forwarder hands the request id and trace to the next hop itself.
    asyncContext: false,
    openapi: { title: 'Shop gateway', description: 'The public entry of the shop.' },
  });
  const upstream = (name: UpstreamName, baseUrl: string) =>
    new Upstream({
      name,
      baseUrl,
      connections: config.UPSTREAM_CONNECTIONS,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      log: app.log,
    });
  const upstreams = new Map<UpstreamName, Upstream>([
    ['users', upstream('users', config.USERS_URL)],
    ['products', upstream('products', config.PRODUCTS_URL)],
    ['orders', upstream('orders', config.ORDERS_URL)],
  ]);
  // Event streams hold their connection for minutes: a pool of their own, as large as the cap.
  const streams = {
    upstream: new Upstream({
      name: 'orders',
      baseUrl: config.ORDERS_URL,
      connections: config.STREAMS_MAX,
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      log: app.log,
    }),
    gate: new StreamGate({ maxStreams: config.STREAMS_MAX, maxPerClient: config.STREAMS_PER_CLIENT }),
  };
  const catalog = new ApiCatalog(
    upstreams,
    app.log,
    // The gateway's own API (the admin routes that gather from every service) is part of it.
    async () => (await app.inject({ method: 'GET', url: '/openapi.json' })).json<OpenApiDocument>(),
  );

  app.addHook('preClose', (done) => {
    for (const upstream of [...upstreams.values(), streams.upstream]) upstream.endStreams();
    done();
  });
  // Closed once the server has drained; requests still counted after that use this replica's memory.
  const rateLimits = createRateLimitStore(config, app.log);
  app.addHook('onClose', () => rateLimits.close());
  await registerProtection(app, config, rateLimits);
  await app.register(registerProxyRoutes, {
    upstreams,
    streams,
    bodyLimit: config.BODY_LIMIT_BYTES,
    avatarBodyLimit: config.AVATAR_BODY_LIMIT_BYTES,
    bodyIdleMs: config.BODY_IDLE_TIMEOUT_MS,
  });
  // An admin page should not wait 30 s for one stuck service: each is given at most 5 s.
  registerDeadLetterRoutes(app, { upstreams, timeoutMs: Math.min(config.UPSTREAM_TIMEOUT_MS, 5000) });
  registerDocsRoutes(app, { catalog });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    transformSpecification: () => catalog.document,
    transformSpecificationClone: false,
  });
  await app.register(fastifyStatic, { root: publicDir, wildcard: false });
  // Links in mails and the 3-D Secure return land on these paths; the storefront takes it from there.
  for (const [url, operationId] of Object.entries(STOREFRONT_ENTRY_PAGES)) {
    // `hide` is @fastify/swagger's: pages are not part of the API document.
    const schema = { hide: true, operationId } as FastifySchema;
    app.get(url, { schema }, (_request, reply) => reply.sendFile('index.html'));
  }

  return {
    app,
    catalog,
    start: () => catalog.start(config.OPENAPI_REFRESH_MS),
    async stop() {
      catalog.stop();
      await Promise.all([...upstreams.values(), streams.upstream].map((u) => u.close()));
    },
  };
}
