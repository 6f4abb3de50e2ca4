import { createHash, randomBytes } from 'node:crypto';

/** An opaque, unguessable token (refresh tokens, mail links): 256 random bits, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of the token. A fast hash is enough here: the input has
 * 256 bits of entropy, so there is nothing to brute-force, unlike a password.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
