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

/** The shop's policy for its pages (storefront, API docs): helmet's defaults, plus product images from any https origin. */
export const SHOP_SECURITY_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      'img-src': ["'self'", 'data:', 'https:'],
      // Served over plain http on localhost in development, where upgrading breaks the pages.
      'upgrade-insecure-requests': null,
    },
  },
};

/**
 * The policy for API answers (JSON, problems, avatars), after OWASP's REST Security Cheat Sheet:
 * nothing may run, load or frame them, no sniffing, HTTPS only. The rest of helmet's set
 * (DNS prefetch, download options, XSS auditor, origin-agent clustering, opener policy, Flash
 * policies) is about documents a browser renders, which these answers are not; leaving it off
 * halves the bytes of every answer's head. Cross-origin embedding stays refused as on the pages.
 */
export const API_SECURITY_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
  },
  frameguard: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};
