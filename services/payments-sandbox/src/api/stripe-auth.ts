import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentedRouteConfig } from '@shop/platform';
import { sendStripeError } from './stripe-errors.js';

/** The secret key of a request, sent as Stripe accepts it: Bearer, or Basic with the key as user name. */
export function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return value.trim() || null;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':', 1)[0] || null;
  }
  return null;
}

export function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The secret key is checked by a scope's own hook, not by a platform guard; this makes the
 * OpenAPI document ask for it (bearer, and the 401) on every route registered after it. Routes of
 * the Stripe API answer errors as Stripe does (`{ error }`, application/json), not as problems.
 */
export function documentSecretKey(scope: FastifyInstance, { stripeErrors }: { stripeErrors: boolean }): void {
  const documented: DocumentedRouteConfig = stripeErrors
    ? { documentedGuard: 'service', errorMedia: 'application/json' }
    : { documentedGuard: 'service' };
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, ...documented } as typeof route.config;
  });
}

/** Answers 401 exactly as Stripe does when the key is missing or wrong. */
export function stripeAuthentication(apiKey: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const key = presentedKey(request);
    if (key !== null && sameKey(key, apiKey)) return;
    reply.header('www-authenticate', 'Basic realm="Stripe"');
    return sendStripeError(reply, 401, {
      type: 'invalid_request_error',
      message:
        key === null
          ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
          : `Invalid API Key provided: ${masked(key)}`,
    });
  };
}

function masked(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}
