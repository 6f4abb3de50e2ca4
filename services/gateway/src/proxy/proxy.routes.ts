import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { RateLimitedRouteConfig } from '../edge/protection.js';
import {
  AUTH_TREE,
  AVATAR_UPLOAD,
  ORDER_EVENTS,
  PAYMENT_WEBHOOK,
  routeTable,
  type UpstreamName,
} from '../route-table.js';
import type { Upstream } from './forwarder.js';
import type { StreamGate } from './stream-gate.js';

export interface ProxyRoutesOptions {
  upstreams: ReadonlyMap<UpstreamName, Upstream>;
  /** Orders' event streams: their own connections, admitted by the gate. */
  streams: { upstream: Upstream; gate: StreamGate };
  bodyLimit: number;
  avatarBodyLimit: number;
  /** A request body may pause this long between two chunks. */
  bodyIdleMs: number;
}

// OPTIONS is left to CORS preflight handling; the services never see it.
const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * One catch-all route per routed tree. Bodies are not parsed here but streamed to the
 * service that owns the route, which validates them against its own schemas (and whose
 * OpenAPI document describes them); hence no schemas on these routes.
 */
export async function registerProxyRoutes(scope: FastifyInstance, options: ProxyRoutesOptions) {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

  const idleMs = options.bodyIdleMs;
  const proxy = (upstream: Upstream, maxBytes: number) => (request: FastifyRequest, reply: FastifyReply) =>
    upstream.forward(request, reply, { maxBytes, idleMs });
  // `hide` is @fastify/swagger's: these routes are documented by the services' own documents.
  const hidden = { schema: { hide: true } as FastifySchema };

  for (const { upstream: name, trees, exact, bodyLimitBytes } of routeTable) {
    const upstream = options.upstreams.get(name);
    if (!upstream) continue;
    const handler = proxy(upstream, Math.min(options.bodyLimit, bodyLimitBytes ?? Infinity));
    for (const tree of trees) {
      const config: RateLimitedRouteConfig = tree === AUTH_TREE ? { rateLimit: 'auth' } : {};
      for (const url of [tree, `${tree}/*`])
        scope.route({ ...hidden, method: METHODS, url, config, handler });
    }
    for (const url of exact) scope.route({ ...hidden, method: METHODS, url, handler });
  }

  const users = options.upstreams.get('users');
  if (users) {
    scope.route({
      ...hidden,
      method: AVATAR_UPLOAD.method,
      url: AVATAR_UPLOAD.path,
      handler: proxy(users, options.avatarBodyLimit),
    });
  }
  if (options.upstreams.has('orders')) {
    const config: RateLimitedRouteConfig = { rateLimit: 'webhook' };
    scope.route({
      ...hidden,
      method: PAYMENT_WEBHOOK.method,
      url: PAYMENT_WEBHOOK.path,
      config,
      handler: proxy(options.upstreams.get('orders')!, options.bodyLimit),
    });
    const { upstream, gate } = options.streams;
    const forwardStream = proxy(upstream, options.bodyLimit);
    scope.route({
      ...hidden,
      method: ORDER_EVENTS.method,
      url: ORDER_EVENTS.path,
      // HEAD goes the ordinary way (orders refuses it) rather than hold a stream place.
      exposeHeadRoute: false,
      handler: (request, reply) => {
        gate.admit(request, reply);
        return forwardStream(request, reply);
      },
    });
  }
}
