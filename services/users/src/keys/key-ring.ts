import { createPublicKey, type KeyObject } from 'node:crypto';
import { SIGNING_ALGORITHM } from '@shop/platform';
import { calculateJwkThumbprint, createLocalJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';

/** What the JWKS publishes of a key: the public half only. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: string;
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

/**
 * The keys in use: one signs, all verify (the signing key, keys published ahead of their
 * turn, and retired keys whose tokens may still be alive). Replaced as a whole on rotation.
 */
export class KeyRing {
  private signing: SigningKey;
  private published: SigningKey[];
  private keySet: JWTVerifyGetKey;

  constructor(signing: SigningKey, published: SigningKey[]) {
    this.signing = signing;
    this.published = published;
    this.keySet = createLocalJWKSet({ keys: published.map((k) => k.publicJwk) });
  }

  replace(signing: SigningKey, published: SigningKey[]): void {
    this.signing = signing;
    this.published = published;
    this.keySet = createLocalJWKSet({ keys: published.map((k) => k.publicJwk) });
  }

  get current(): SigningKey {
    return this.signing;
  }

  jwks(): { keys: PublicJwk[] } {
    return { keys: this.published.map((k) => k.publicJwk) };
  }

  /** For the platform's token verifier: this service verifies its own tokens without HTTP. */
  readonly getKey: JWTVerifyGetKey = (header, token) => this.keySet(header, token);
}

/** A signing key from a private Ed25519 JWK; its kid is the given one or the RFC 7638 thumbprint. */
export async function signingKeyFrom(privateKey: KeyObject, kid?: string): Promise<SigningKey> {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('signing keys must be Ed25519');
  const publicPart = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const id = kid ?? (await calculateJwkThumbprint(publicPart));
  return {
    kid: id,
    privateKey,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: publicPart.x!, kid: id, alg: SIGNING_ALGORITHM, use: 'sig' },
  };
}
