import type { App } from '@shop/platform';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../domain/deps.js';
import type { ClientInfo } from '../domain/sessions.js';
import type { AuthHooks } from './auth-hooks.js';

/** What every routes module is given. */
export interface RouteContext {
  app: App;
  deps: Deps;
  auth: AuthHooks;
}

/** request.ip is the client's address: X-Forwarded-For counts only from TRUSTED_PROXIES. */
export const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});
