import { Forbidden, markGuard, type Guards, type Role } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientInfo, Sessions } from '../domain/sessions.js';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface AuthHooks {
  /** A signed-in person whose session is still live; roles narrowed to what the account has now. */
  user: Hook;
  /** The same, with one of these roles. */
  role: (...roles: Role[]) => Hook[];
  /** Another service (client-credentials token), on /internal routes. */
  service: Hook;
}

/**
 * The platform's guards verify the token (signature, alg, kid, iss, aud, exp, typ); here
 * the session is checked too, so logout, password change and disabling act at once.
 */
export function createAuthHooks(guards: Guards, sessions: Sessions): AuthHooks {
  const user: Hook = markGuard('user', async (request, reply) => {
    await guards.user(request, reply);
    const principal = request.principal!;
    const current = await sessions.liveRoles(principal);
    request.principal = {
      ...principal,
      roles: principal.roles.filter((r) => (current as string[]).includes(r)),
    };
  });
  return {
    user,
    role: (...roles) => [
      user,
      markGuard('role', async (request) => {
        if (!request.principal!.roles.some((r) => roles.includes(r))) {
          throw new Forbidden(`This needs the ${roles.join(' or ')} role.`);
        }
      }),
    ],
    service: guards.service,
  };
}

/** The signed-in user's id (after the `user` hook). */
export const userId = (request: FastifyRequest): string => request.principal!.subject;

/** request.ip is the client's address: X-Forwarded-For counts only from TRUSTED_PROXIES. */
export const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});
