import cors from '@fastify/cors';
import { clientKey, TooManyRequests, type App } from '@shop/platform';
import type { FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Config } from '../config.js';
import { budgetMaxima, type BudgetMaxima, type BudgetName, type RateLimitStore } from './rate-limit-store.js';
import { API_SECURITY_OPTIONS, securityHeaders, SHOP_SECURITY_OPTIONS } from './security-headers.js';

/**
 * Which per-client budget a route draws on: the general one unless its config says otherwise.
 * `webhook`: the payment gateway's deliveries, when they carry a signature (orders checks it).
 */
export type RateBudget = 'auth' | 'webhook';
export interface RateLimitedRouteConfig {
  rateLimit?: RateBudget;
}

/** Everything under it answers JSON (or an image) to programs, never a page to render. */
const API_PREFIX = '/api/';

/** The gateway's own endpoints that load balancers and Prometheus call all the time. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** Response headers a browser script of another allowed origin may read. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'location',
  'etag',
  'idempotent-replayed',
  'www-authenticate',
];

/**
 * Security headers (the API's set or the pages' set), CORS and per-client rate limits, in front of
 * every route. The counts are in `rateLimits` (this replica's memory, or Redis); the caller closes it.
 */
export async function registerProtection(
  app: App,
  config: Config,
  rateLimits: RateLimitStore,
): Promise<void> {
  const pageHeaders = securityHeaders(SHOP_SECURITY_OPTIONS);
  const apiHeaders = securityHeaders(API_SECURITY_OPTIONS);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith(API_PREFIX) ? apiHeaders : pageHeaders);
    done();
  });

  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS.includes('*') ? '*' : config.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }

  // Keyed by request.ip, which only follows X-Forwarded-For from TRUSTED_PROXIES.
  const maxima = budgetMaxima(config);
  app.addHook('onRequest', (request, _reply, done) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const budget = budgetOf(request);
    const waitSeconds = rateLimits.hit(budget, clientKey(request.ip));
    // The in-memory store answers at once: no promise on that path (it is the gateway's hot path).
    if (typeof waitSeconds === 'number') return admit(done, maxima, budget, waitSeconds);
    waitSeconds.then(
      (wait) => admit(done, maxima, budget, wait),
      (err: Error) => done(err),
    );
  });
}

function budgetOf(request: FastifyRequest): BudgetName {
  const budget = (request.routeOptions.config as RateLimitedRouteConfig).rateLimit ?? 'general';
  return budget === 'webhook' && request.headers['stripe-signature'] === undefined ? 'general' : budget;
}

function admit(
  done: HookHandlerDoneFunction,
  maxima: BudgetMaxima,
  budget: BudgetName,
  waitSeconds: number,
): void {
  if (waitSeconds === 0) return done();
  done(
    new TooManyRequests({
      detail: `More than ${maxima[budget]} requests a minute from your address; try again in ${waitSeconds} s.`,
      retryAfterSeconds: waitSeconds,
    }),
  );
}
