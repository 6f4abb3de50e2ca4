import { randomUUID } from 'node:crypto';
import {
  ACCESS_TOKEN_TYPE,
  serviceAudience,
  SIGNING_ALGORITHM,
  USER_AUDIENCE,
  type TokenSource,
} from '@shop/platform';
import { SignJWT } from 'jose';
import type { TokenIssuer } from '../domain/sessions.js';
import type { KeyRing } from './key-ring.js';

export interface TokenIssuerOptions {
  issuer: string;
  accessTtlSeconds: number;
  serviceTtlSeconds: number;
}

/** EdDSA access tokens with the current key's kid and `typ: at+jwt` (RFC 9068). */
export function createTokenIssuer(keys: KeyRing, options: TokenIssuerOptions): TokenIssuer {
  const sign = async (claims: Record<string, unknown>, subject: string, audience: string, ttl: number) => {
    const key = keys.current;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(options.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expiresIn: ttl };
  };
  return {
    accessToken: (claims) =>
      sign(
        { roles: claims.roles, sid: claims.sessionId, name: claims.name },
        claims.userId,
        USER_AUDIENCE,
        options.accessTtlSeconds,
      ),
    serviceToken: (clientId, audience) =>
      sign({ roles: ['service'] }, clientId, serviceAudience(audience), options.serviceTtlSeconds),
  };
}

/**
 * This service's own client-credentials token for calling other services: it is the
 * issuer, so it signs one locally instead of calling its own token endpoint.
 */
export function selfServiceToken(issuer: TokenIssuer, audience: string, clientId = 'users'): TokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  return {
    async get() {
      if (cached && Date.now() < cached.refreshAt) return cached.token;
      const { token, expiresIn } = await issuer.serviceToken(clientId, audience);
      cached = { token, refreshAt: Date.now() + Math.max(expiresIn - 60, expiresIn / 2) * 1000 };
      return token;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
