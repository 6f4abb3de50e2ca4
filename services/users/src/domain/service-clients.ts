import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from './deps.js';
import { InvalidClient } from './errors.js';

/**
 * OAuth2 client credentials for the other services. Secrets are compared in constant
 * time, and an unknown client costs the same comparison as a known one.
 */
export async function issueServiceToken(
  deps: Deps,
  credentials: { clientId: string; clientSecret: string; audience: ServiceName },
): Promise<{ token: string; expiresIn: number }> {
  const expected = deps.settings.serviceClients.get(credentials.clientId);
  const matches = timingSafeEqual(digest(credentials.clientSecret), digest(expected ?? UNKNOWN));
  if (!expected || !matches) throw new InvalidClient();
  // The token is good at the one service it names, so one that leaked from a callee opens nothing else.
  return deps.tokens.serviceToken(credentials.clientId, credentials.audience);
}

/** The services whose /internal routes take client-credentials tokens. */
export const SERVICE_NAMES = ['users', 'products', 'orders'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const UNKNOWN = randomBytes(32).toString('hex');
// Equal-length digests: timingSafeEqual needs equal lengths, and lengths must not leak either.
const digest = (value: string) => createHash('sha256').update(value).digest();
