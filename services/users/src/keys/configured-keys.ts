import { createPrivateKey } from 'node:crypto';
import { ConfigError } from '@shop/platform';
import { KeyRing, signingKeyFrom, type SigningKey } from './key-ring.js';

/**
 * Production keys from JWT_SIGNING_KEYS: a JSON array of private Ed25519 JWKs; the first
 * signs, all are published. Rotation is an operator's three steps (see the README): add
 * the new key last, later move it first, and drop the old one once its tokens expired.
 */
export async function keyRingFromConfig(json: string): Promise<KeyRing> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(['JWT_SIGNING_KEYS is not valid JSON']);
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new ConfigError(['JWT_SIGNING_KEYS must be a non-empty JSON array of private Ed25519 JWKs']);
  const keys: SigningKey[] = [];
  for (const [index, jwk] of parsed.entries()) {
    const candidate = jwk as { kty?: unknown; crv?: unknown; d?: unknown; kid?: unknown };
    if (candidate.kty !== 'OKP' || candidate.crv !== 'Ed25519' || typeof candidate.d !== 'string')
      throw new ConfigError([
        `JWT_SIGNING_KEYS[${index}] is not a private Ed25519 JWK (kty OKP, crv Ed25519, d)`,
      ]);
    try {
      const privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
      keys.push(
        await signingKeyFrom(privateKey, typeof candidate.kid === 'string' ? candidate.kid : undefined),
      );
    } catch {
      throw new ConfigError([`JWT_SIGNING_KEYS[${index}] could not be read as an Ed25519 key`]);
    }
  }
  if (new Set(keys.map((k) => k.kid)).size !== keys.length)
    throw new ConfigError(['JWT_SIGNING_KEYS has two keys with the same kid']);
  return new KeyRing(keys[0]!, keys);
}
