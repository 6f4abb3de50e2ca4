import type { IncomingHttpHeaders } from 'node:http';
import { outgoingTraceparent, requestContext } from '@shop/platform';
import type { FastifyRequest } from 'fastify';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers the gateway sets itself: a client must not be able to claim an identity,
 * an address or a scheme (services behind us may believe them), nor pick the upstream host.
 */
const SET_BY_GATEWAY = new Set([
  ...HOP_BY_HOP,
  'host',
  'expect',
  'forwarded',
  'x-real-ip',
  'x-client-ip',
  'x-user-id',
  'x-roles',
  'x-request-id',
  'traceparent',
]);

export interface ClientFacts {
  /**
   * The client's address as the gateway worked it out (through TRUSTED_PROXIES). It goes on alone:
   * the gateway is the trust boundary, so a service that trusts only the gateway must not have to
   * walk the load balancers in front of it too (it would take the nearest one for the client, and
   * every customer would share one per-address login budget).
   */
  address: string;
  protocol: string;
  host: string;
  requestId: string;
  /** The W3C trace context for the next hop. */
  traceparent: string;
}

/** What the gateway tells a service about the request it forwards or makes on a client's behalf. */
export function clientFacts(request: FastifyRequest): ClientFacts {
  return {
    address: request.ip,
    protocol: request.protocol,
    host: request.host,
    requestId: request.id,
    traceparent: outgoingTraceparent(requestContext(request))!,
  };
}

export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, client: ClientFacts) {
  const headers: Record<string, string | string[]> = {};
  const perConnection = connectionTokens(incoming.connection);
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || SET_BY_GATEWAY.has(name) || perConnection?.has(name)) continue;
    if (name.startsWith('x-forwarded-') || name.startsWith('x-user-')) continue;
    headers[name] = value;
  }
  headers['x-forwarded-for'] = client.address;
  headers['x-forwarded-proto'] = client.protocol;
  headers['x-forwarded-host'] = client.host;
  headers['x-request-id'] = client.requestId;
  headers.traceparent = client.traceparent;
  return headers;
}

/** Response headers passed back to the client; the request id is already ours. */
export function clientResponseHeaders(upstream: IncomingHttpHeaders) {
  const headers: Record<string, string | string[]> = {};
  const perConnection = connectionTokens(upstream.connection);
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name) || perConnection?.has(name)) continue;
    if (name === 'x-request-id') continue;
    headers[name] = value;
  }
  return headers;
}

// The usual values name no header, so there is nothing more to drop.
const PLAIN_CONNECTION = new Set(['keep-alive', 'close', 'Keep-Alive', 'Close']);

function connectionTokens(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined || (typeof value === 'string' && PLAIN_CONNECTION.has(value))) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  return new Set(text.split(',').map((token) => token.trim().toLowerCase()));
}
