import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InternalAudience } from '@shop/contracts/internal';
import { InvalidClient } from './errors.js';
import type { TokenIssuer } from './sessions.js';

/** The services whose /internal routes take client-credentials tokens. */
export type ServiceName = InternalAudience;

export interface ServiceClientsDeps {
  /** Client id → secret of the services that may ask for client-credentials tokens. */
  clients: ReadonlyMap<string, string>;
  tokens: TokenIssuer;
}

/**
 * OAuth2 client credentials for the other services. Secrets are compared in constant
 * time, and an unknown client costs the same comparison as a known one.
 */
export class ServiceClients {
  constructor(private readonly deps: ServiceClientsDeps) {}

  async issueToken(credentials: {
    clientId: string;
    clientSecret: string;
    audience: ServiceName;
  }): Promise<{ token: string; expiresIn: number }> {
    const expected = this.deps.clients.get(credentials.clientId);
    const matches = timingSafeEqual(digest(credentials.clientSecret), digest(expected ?? UNKNOWN));
    if (!expected || !matches) throw new InvalidClient();
    // The token is good at the one service it names, so one that leaked from a callee opens nothing else.
    return this.deps.tokens.serviceToken(credentials.clientId, credentials.audience);
  }
}

const UNKNOWN = randomBytes(32).toString('hex');
// Equal-length digests: timingSafeEqual needs equal lengths, and lengths must not leak either.
const digest = (value: string) => createHash('sha256').update(value).digest();
