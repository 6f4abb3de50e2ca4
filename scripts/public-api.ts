/**
 * The public API document as `npm run openapi` writes it, and the TypeScript types generated from
 * it. Built without any database: each service's app is built in process (never started: no
 * connection is opened before start()) and asked for its OpenAPI document, and the gateway merges
 * them with the same function that serves GET /api/v1/openapi.json (services/gateway/src/openapi/).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '@shop/platform';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildApp as buildGateway } from '../services/gateway/src/app.js';
import { loadConfig as loadGatewayConfig } from '../services/gateway/src/config.js';
import type { MergedDocument, OpenApiDocument } from '../services/gateway/src/openapi/merge.js';
import { publicDocument } from '../services/gateway/src/openapi/public-document.js';
import type { UpstreamName } from '../services/gateway/src/route-table.js';

const root = new URL('..', import.meta.url).pathname;
export const OPENAPI_JSON = join(root, 'packages/contracts/src/public-api/openapi.json');
export const OPENAPI_TS = join(root, 'packages/contracts/src/public-api/openapi.ts');

/** Nothing listens here: a service that tried to reach it before start() would fail loudly. */
const NOWHERE = 'http://127.0.0.1:9';
/** The environment the services are built with: every database, bus and neighbour unreachable. */
export const serviceEnv = (dataDir: string): NodeJS.ProcessEnv => ({
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://openapi@127.0.0.1:9/none',
  BUS_URL: 'postgres://openapi@127.0.0.1:9/bus',
  DATA_DIR: dataDir,
  JWKS_URL: `${NOWHERE}/.well-known/jwks.json`,
  TOKEN_URL: `${NOWHERE}/internal/oauth/token`,
  SERVICE_CLIENT_ID: 'openapi',
  SERVICE_CLIENT_SECRET: 'openapi-document-only',
  USERS_URL: NOWHERE,
  PRODUCTS_URL: NOWHERE,
  STRIPE_SECRET_KEY: 'sk_test_openapi',
  STRIPE_WEBHOOK_SECRET: 'whsec_openapi',
});

interface BuiltService {
  app: App;
}
type ServiceModules = [
  { buildApp(config: never): Promise<BuiltService> },
  { loadConfig(env: NodeJS.ProcessEnv): unknown },
];

const serviceModules: Record<UpstreamName, () => Promise<ServiceModules>> = {
  users: () =>
    Promise.all([import('../services/users/src/app.js'), import('../services/users/src/config.js')]),
  products: () =>
    Promise.all([import('../services/products/src/app.js'), import('../services/products/src/config.js')]),
  orders: () =>
    Promise.all([import('../services/orders/src/app.js'), import('../services/orders/src/config.js')]),
};

/** What GET /openapi.json answers (@fastify/swagger's, which the platform registers). */
function documentOf(app: App): OpenApiDocument {
  return (app as unknown as { swagger(): OpenApiDocument }).swagger();
}

export const SERVICES = Object.keys(serviceModules) as UpstreamName[];

/** One service's document, as its GET /openapi.json serves it. */
export async function serviceDocument(name: UpstreamName, env: NodeJS.ProcessEnv): Promise<OpenApiDocument> {
  const app = await buildService(name, env);
  try {
    return documentOf(app);
  } finally {
    await app.close();
  }
}

/** A service's app, built with `env` and ready, not started. */
export async function buildService(name: UpstreamName, env: NodeJS.ProcessEnv): Promise<App> {
  const [{ buildApp }, config] = await serviceModules[name]();
  const { app } = await buildApp(config.loadConfig(env) as never);
  await app.ready();
  return app;
}

/** The gateway's own document (its admin routes), from a gateway that is built but not started. */
export async function gatewayDocument(): Promise<OpenApiDocument> {
  const gateway = await buildGateway(
    loadGatewayConfig({
      LOG_LEVEL: 'silent',
      USERS_URL: NOWHERE,
      PRODUCTS_URL: NOWHERE,
      ORDERS_URL: NOWHERE,
    }),
  );
  try {
    await gateway.app.ready();
    return documentOf(gateway.app);
  } finally {
    await gateway.app.close();
    await gateway.stop();
  }
}

/** A DATA_DIR for one build: the users service writes a signing key there as it is built. */
export async function tempDataDir(): Promise<{ path: string; close(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'shop-openapi-'));
  return { path, close: () => rm(path, { recursive: true, force: true }) };
}

/** The merged public document, equal to what a gateway in front of these services serves. */
export async function buildPublicDocument(): Promise<MergedDocument> {
  const dataDir = await tempDataDir();
  try {
    const env = serviceEnv(dataDir.path);
    const services = new Map<UpstreamName, OpenApiDocument>();
    for (const name of SERVICES) services.set(name, await serviceDocument(name, env));
    return publicDocument(services, await gatewayDocument());
  } finally {
    await dataDir.close();
  }
}

const HEADER = '// Generated from openapi.json by openapi-typescript: do not edit; npm run openapi.\n';

/** The committed texts: openapi.json and openapi.ts, formatted as the tree's Prettier wants them. */
export async function renderPublicApi(document: MergedDocument): Promise<{ json: string; types: string }> {
  const json = await formatted(OPENAPI_JSON, JSON.stringify(document));
  // A parameter with a default may be left out by a client: it stays optional in the types (no
  // answer schema has a default, so nothing else changes).
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    defaultNonNullable: false,
  });
  const types = await formatted(OPENAPI_TS, HEADER + astToString(ast));
  return { json, types };
}

async function formatted(filepath: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(filepath)), filepath });
}
