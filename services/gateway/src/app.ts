import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import swaggerUi from '@fastify/swagger-ui';
import { createApp, type App } from '@shop/platform';
import type { GatewayConfig } from './config.js';
import { registerProtection } from './edge/protection.js';
import { ApiCatalog } from './openapi/catalog.js';
import { registerDocs } from './openapi/docs.routes.js';
import { Upstream } from './proxy/forwarder.js';
import { registerProxyRoutes } from './proxy/proxy.routes.js';
import type { UpstreamName } from './route-table.js';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

export interface Gateway {
  app: App;
  catalog: ApiCatalog;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The single public entry: storefront, API docs, and the API proxied to the services. */
export async function buildApp(config: GatewayConfig): Promise<Gateway> {
  const app = await createApp({
    service: 'gateway',
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUSTED_PROXIES,
    bodyLimit: config.BODY_LIMIT_BYTES,
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
    });
  const upstreams = new Map<UpstreamName, Upstream>([
    ['users', upstream('users', config.USERS_URL)],
    ['products', upstream('products', config.PRODUCTS_URL)],
    ['orders', upstream('orders', config.ORDERS_URL)],
  ]);
  const catalog = new ApiCatalog(
    upstreams,
    {
      title: 'Shop API',
      version: '1.0.0',
      description: 'Accounts, catalogue, carts and orders of the shop, as served by its gateway.',
    },
    app.log,
  );

  app.addHook('preClose', (done) => {
    for (const upstream of upstreams.values()) upstream.endStreams();
    done();
  });
  await registerProtection(app, config);
  await app.register(registerProxyRoutes, {
    upstreams,
    bodyLimit: config.BODY_LIMIT_BYTES,
    avatarBodyLimit: config.AVATAR_BODY_LIMIT_BYTES,
  });
  registerDocs(app, catalog);
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    transformSpecification: () => catalog.document,
    transformSpecificationClone: false,
  });
  await app.register(fastifyStatic, { root: publicDir, wildcard: false });

  return {
    app,
    catalog,
    start: () => catalog.start(config.OPENAPI_REFRESH_MS),
    async stop() {
      catalog.stop();
      await Promise.all([...upstreams.values()].map((u) => u.close()));
    },
  };
}
