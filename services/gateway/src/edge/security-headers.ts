import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet would set, computed once. @fastify/helmet rebuilds helmet's middleware
 * (parsing every CSP directive) on each request, a quarter of the gateway's own time per request
 * when measured; these options have nothing per request (no nonces), so the answer never changes.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
}

/** The shop's policy: helmet's defaults, plus product images from any https origin. */
export const SHOP_SECURITY_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      'img-src': ["'self'", 'data:', 'https:'],
      // Served over plain http on localhost in development, where upgrading breaks the pages.
      'upgrade-insecure-requests': null,
    },
  },
};
