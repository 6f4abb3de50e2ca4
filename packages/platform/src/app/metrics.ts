import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../errors.js';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics: HTTP RED (rate, errors, duration) per route template and
 * the process defaults. One registry per app so tests can build many apps.
 */
export function registerMetrics(
  app: FastifyInstance,
  service: string,
  defaults: boolean,
  /** Who may read /metrics, by client address; everyone when unset (a service inside the cluster). */
  readers?: (address: string) => boolean,
): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (defaults) collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP responses with a 5xx status',
    labelNames: ['method', 'route'],
    registers: [registry],
  });

  // A callback hook, not an async one: it runs on every response, and a promise per request shows.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      const status = reply.statusCode;
      duration.observe({ method: request.method, route, status_code: status }, reply.elapsedTime / 1000);
      if (status >= 500) errors.inc({ method: request.method, route });
    }
    done();
  });

  const onRequest = (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) =>
    done(readers && !readers(request.ip) ? new NotFound() : undefined);
  app.get(
    '/metrics',
    { schema: { hide: true, operationId: 'getMetrics' }, onRequest },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  return registry;
}
