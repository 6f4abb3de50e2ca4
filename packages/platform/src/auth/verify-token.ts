import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Unauthenticated } from '../errors.js';
import {
  ACCESS_TOKEN_TYPE,
  SIGNING_ALGORITHM,
  USER_AUDIENCE,
  type Audience,
  type Principal,
  type Role,
} from './tokens.js';
import { commaSeparated } from '../config.js';

export interface TokenVerifierOptions {
  /**
   * The JWKS URL of the user service (one per instance, comma-separated, when there is no single
   * address in front of them), or a key set (tests).
   */
  jwks: string | JWTVerifyGetKey;
  issuer: string;
  /** Verified tokens remembered until they expire (0 turns the cache off). */
  cacheSize?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export interface TokenVerifier {
  verify(token: string, audience: Audience): Promise<Principal>;
}

const KNOWN_ROLES = new Set<Role>(['customer', 'admin', 'support', 'service']);

/**
 * Verifies access tokens locally against the user service's JWKS (cached by jose,
 * refetched at most every 30 s for an unknown kid). Pins EdDSA, the issuer, the
 * audience and the token type; headers that try to bring their own key are refused.
 *
 * A token that verified is remembered (by its exact text and audience) until its `exp`,
 * so a client's next requests skip the signature check, the largest CPU cost of a
 * cheap request. Nothing is lost: a token's validity depends only on its text until it
 * expires (a key withdrawn from the JWKS is honoured as late as jose's JWKS cache is).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys = typeof options.jwks === 'string' ? remoteKeys(options.jwks) : options.jwks;

  const cacheSize = options.cacheSize ?? 10_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();

  const remember = (key: string, principal: Principal, expiresAt: number) => {
    if (cacheSize === 0) return;
    // Insertion order: the oldest entry goes first when full.
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value!);
    verified.set(key, { principal, expiresAt });
  };

  return {
    async verify(token, audience) {
      const key = `${audience} ${token}`;
      const hit = verified.get(key);
      if (hit) {
        // A copy: callers may narrow a principal's roles for their request.
        if (hit.expiresAt > now()) return { ...hit.principal, roles: [...hit.principal.roles] };
        verified.delete(key);
      }
      try {
        const { payload, protectedHeader } = await jwtVerify(token, keys, {
          algorithms: [SIGNING_ALGORITHM],
          issuer: options.issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: 5,
          currentDate: new Date(now()),
        });
        if (
          'jku' in protectedHeader ||
          'jwk' in protectedHeader ||
          'x5u' in protectedHeader ||
          'x5c' in protectedHeader
        ) {
          throw new Unauthenticated('Tokens may not name their own keys.');
        }
        const roles = Array.isArray(payload.roles)
          ? payload.roles.filter((r): r is Role => KNOWN_ROLES.has(r as Role))
          : [];
        const kind = audience === USER_AUDIENCE ? 'user' : 'service';
        if (kind === 'service' && !roles.includes('service'))
          throw new Unauthenticated('Not a service token.');
        if (kind === 'user' && roles.includes('service'))
          throw new Unauthenticated('Service tokens are not accepted here.');
        const principal: Principal = {
          subject: payload.sub!,
          roles,
          sessionId: typeof payload.sid === 'string' ? payload.sid : undefined,
          name: typeof payload.name === 'string' ? payload.name : undefined,
          kind,
          issuedAt: payload.iat! * 1000,
          expiresAt: payload.exp! * 1000,
        };
        remember(key, principal, payload.exp! * 1000);
        return { ...principal, roles: [...roles] };
      } catch (error) {
        if (error instanceof Unauthenticated) throw error;
        throw new Unauthenticated({ detail: describe(error), cause: error });
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The access token is not valid here (${error.claim}).`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token was signed with an unknown key.';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The access token uses an algorithm that is not accepted.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return 'The signing keys could not be fetched; try again.';
  return 'The access token is invalid.';
}

/**
 * Errors that say a well-formed key set was read and does not fit the token: another copy would
 * say the same. A malformed answer (ERR_JWKS_INVALID: a truncated body, a proxy's page) is one
 * instance's fault, so the next is asked.
 */
const ANSWERS_FROM_THE_KEY_SET = new Set([
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JWS_INVALID',
  'ERR_JOSE_ALG_NOT_ALLOWED',
]);

/**
 * The user service's key set, fetched and cached by jose. With several URLs (one per instance of
 * users, every one serving the same keys) a key is asked of the next one when one cannot be reached.
 */
function remoteKeys(urls: string): JWTVerifyGetKey {
  const sets = commaSeparated(urls).map((url) =>
    createRemoteJWKSet(new URL(url), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 3000,
    }),
  );
  if (sets.length === 1) return sets[0]!;
  let next = 0;
  return async (header, token) => {
    const first = next++ % sets.length;
    let failure: unknown;
    for (let i = 0; i < sets.length; i++) {
      try {
        return await sets[(first + i) % sets.length]!(header, token);
      } catch (error) {
        if (error instanceof errors.JOSEError && ANSWERS_FROM_THE_KEY_SET.has(error.code)) throw error;
        failure = error;
      }
    }
    throw failure;
  };
}
