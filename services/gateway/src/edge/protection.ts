import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { TooManyRequests, type App } from '@shop/platform';
import type { GatewayConfig } from '../config.js';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/** Security headers, CORS and per-client rate limits, in front of every route. */
export async function registerProtection(app: App, config: GatewayConfig): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      // Served over plain http on localhost in development, where upgrading breaks the docs page.
      directives: { upgradeInsecureRequests: null },
    },
  });

  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS.includes('*') ? '*' : config.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'location',
        'etag',
        'ratelimit-limit',
        'ratelimit-remaining',
      ],
      maxAge: 600,
    });
  }

  // Keyed by request.ip, which only follows X-Forwarded-For from TRUSTED_PROXIES.
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => UNLIMITED.has(request.url),
    errorResponseBuilder: (_request, context) =>
      new TooManyRequests({
        detail: `More than ${context.max} requests a minute from your address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
        retryAfterSeconds: context.ttl / 1000,
      }),
  });
}

/** Route options for /api/v1/auth/*: a separate, stricter budget per client address. */
export function authRateLimit(config: GatewayConfig) {
  return { rateLimit: { max: config.AUTH_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } };
}
