import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from './deps.js';
import { InvalidClient } from './errors.js';

/**
 * OAuth2 client credentials for the other services. Secrets are compared in constant
 * time, and an unknown client costs the same comparison as a known one.
 */
export async function issueServiceToken(
  deps: Deps,
  credentials: { clientId: string; clientSecret: string },
): Promise<{ token: string; expiresIn: number }> {
  const expected = deps.settings.serviceClients.get(credentials.clientId);
  const matches = timingSafeEqual(digest(credentials.clientSecret), digest(expected ?? UNKNOWN));
  if (!expected || !matches) throw new InvalidClient();
  return deps.tokens.serviceToken(credentials.clientId);
}

const UNKNOWN = randomBytes(32).toString('hex');
// Equal-length digests: timingSafeEqual needs equal lengths, and lengths must not leak either.
const digest = (value: string) => createHash('sha256').update(value).digest();
