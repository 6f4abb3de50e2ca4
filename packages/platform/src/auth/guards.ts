import type { FastifyReply, FastifyRequest } from 'fastify';
import { defineError, Forbidden, Unauthenticated } from '../errors.js';
import { serviceAudience, USER_AUDIENCE, type Audience, type Principal, type Role } from './tokens.js';
import type { TokenVerifier } from './verify-token.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by an auth guard once the bearer token is verified. */
    principal: Principal | undefined;
  }
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * What a guard asks of the caller, as the OpenAPI document says it (see app/openapi-document.ts):
 * `user` and `service` a bearer token, `role` one of a user with a role (else 403), `optionalUser`
 * a token or none.
 */
export type GuardKind = 'user' | 'role' | 'optionalUser' | 'service';

const GUARD_KIND = Symbol.for('shop.guardKind');

/**
 * Marks an onRequest hook as an auth guard of that kind, for the document. A hook that lets the
 * caller's token through to where it is checked (the gateway's admin routes) is marked too.
 */
export function markGuard<T extends (...args: never[]) => unknown>(kind: GuardKind, hook: T): T {
  return Object.assign(hook, { [GUARD_KIND]: kind });
}

/** The kinds of auth guard among a route's onRequest hooks. */
export function guardKinds(onRequest: unknown): GuardKind[] {
  const hooks: unknown[] = Array.isArray(onRequest) ? onRequest : onRequest ? [onRequest] : [];
  return hooks.flatMap((hook) => {
    const kind = (hook as { [GUARD_KIND]?: GuardKind } | null)?.[GUARD_KIND];
    return kind ? [kind] : [];
  });
}

/** The token is valid but its session was ended in the user service (see SessionRevocations). */
export class SessionEnded extends defineError(
  'session_ended',
  'unauthenticated',
  'The session has ended; sign in again',
) {}

export interface GuardOptions {
  /** This service's name: `guards.service` takes only service tokens issued for it. */
  service: string;
  /** Whether a user's session was ended since its token was issued (logout, disabled, …). */
  isRevoked?: (sessionId: string | undefined) => boolean;
}

export interface Guards {
  /** Any signed-in user (customer, support or admin). */
  user: Guard;
  /** A user with one of these roles. */
  role: (...roles: Role[]) => Guard;
  /** Reads a token when present; anonymous otherwise (invalid tokens are still refused). */
  optionalUser: Guard;
  /** Another service with a client-credentials token (the /internal routes). */
  service: Guard;
  /** The service these guards protect (its dead-letter routes name their operations after it). */
  serviceName: string;
}

/** Route guards (onRequest hooks): every service enforces auth itself, whatever the gateway did. */
export function createGuards(verifier: TokenVerifier, options: GuardOptions): Guards {
  const { isRevoked } = options;
  const ownAudience = serviceAudience(options.service);
  const authenticate = async (request: FastifyRequest, audience: Audience, required: boolean) => {
    const header = request.headers.authorization;
    if (!header) {
      if (required) throw new Unauthenticated('Send an access token as "Authorization: Bearer <token>".');
      return;
    }
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match) throw new Unauthenticated('The Authorization header must be "Bearer <token>".');
    const principal = await verifier.verify(match[1]!, audience);
    if (isRevoked && principal.kind === 'user' && isRevoked(principal.sessionId)) {
      throw new SessionEnded('This session was ended (signed out, password changed or account disabled).');
    }
    request.principal = principal;
  };

  const user: Guard = markGuard('user', async (request) => authenticate(request, USER_AUDIENCE, true));
  return {
    user,
    optionalUser: markGuard('optionalUser', async (request) => authenticate(request, USER_AUDIENCE, false)),
    role: (...roles) =>
      markGuard('role', async (request, reply) => {
        await user(request, reply);
        if (!request.principal!.roles.some((r) => roles.includes(r))) {
          throw new Forbidden(`This needs the ${roles.join(' or ')} role.`);
        }
      }),
    service: markGuard('service', async (request) => authenticate(request, ownAudience, true)),
    serviceName: options.service,
  };
}

export function isAdmin(principal: Principal | undefined): boolean {
  return principal?.roles.includes('admin') ?? false;
}
