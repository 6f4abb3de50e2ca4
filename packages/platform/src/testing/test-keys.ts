import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey } from 'jose';
import {
  ACCESS_TOKEN_TYPE,
  serviceAudience,
  SIGNING_ALGORITHM,
  USER_AUDIENCE,
  type Role,
} from '../auth/tokens.js';

export interface TestIssuer {
  issuer: string;
  /** A key set to hand to createTokenVerifier instead of the user service's JWKS URL. */
  jwks: JWTVerifyGetKey;
  userToken(userId: string, roles?: Role[], name?: string): Promise<string>;
  /** A customer's token (of a new session) that expires `seconds` from now. */
  userTokenExpiringIn(userId: string, seconds: number): Promise<string>;
  /** A client-credentials token of `clientId` for calling `audience` (a service name). */
  serviceToken(clientId?: string, audience?: string): Promise<string>;
}

/** Signs tokens the way the user service does, for testing a service on its own. */
export async function createTestIssuer(issuer = 'shop-users'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  const sign = (
    subject: string,
    audience: string,
    roles: Role[],
    sid?: string,
    name?: string,
    expiresAt: number | string = '15m',
  ) =>
    new SignJWT({ roles, ...(sid ? { sid } : {}), ...(name ? { name } : {}) })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .sign(privateKey);
  return {
    issuer,
    jwks: createLocalJWKSet({ keys: [jwk] }),
    userToken: (userId, roles = ['customer'], name) => sign(userId, USER_AUDIENCE, roles, randomUUID(), name),
    userTokenExpiringIn: (userId, seconds) =>
      sign(
        userId,
        USER_AUDIENCE,
        ['customer'],
        randomUUID(),
        undefined,
        Math.floor(Date.now() / 1000) + seconds,
      ),
    serviceToken: (clientId = 'test-service', audience = 'test') =>
      sign(clientId, serviceAudience(audience), ['service']),
  };
}
