import cors from '@fastify/cors';
import { clientKey, TooManyRequests, type App } from '@shop/platform';
import type { GatewayConfig } from '../config.js';
import { FixedWindowLimiter } from './rate-limit.js';
import { API_SECURITY_OPTIONS, securityHeaders, SHOP_SECURITY_OPTIONS } from './security-headers.js';

/** Which per-client budget a route draws on: the general one unless its config says otherwise. */
export type RateBudget = 'auth' | 'exempt';
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

/** Security headers (the API's set or the pages' set), CORS and per-client rate limits, in front of every route. */
export async function registerProtection(app: App, config: GatewayConfig): Promise<void> {
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
  const budgets = {
    general: new FixedWindowLimiter(config.RATE_LIMIT_PER_MINUTE),
    auth: new FixedWindowLimiter(config.AUTH_RATE_LIMIT_PER_MINUTE),
  };
  app.addHook('onRequest', (request, _reply, done) => {
    const budget = (request.routeOptions.config as RateLimitedRouteConfig).rateLimit;
    if (budget === 'exempt' || UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return done();
    const max = budget === 'auth' ? config.AUTH_RATE_LIMIT_PER_MINUTE : config.RATE_LIMIT_PER_MINUTE;
    const waitSeconds = budgets[budget ?? 'general'].hit(clientKey(request.ip));
    if (waitSeconds === 0) return done();
    done(
      new TooManyRequests({
        detail: `More than ${max} requests a minute from your address; try again in ${waitSeconds} s.`,
        retryAfterSeconds: waitSeconds,
      }),
    );
  });
}
