/** What every access token carries and how services recognise one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Audience of tokens issued to people (customers, admins) for the public API. */
export const USER_AUDIENCE = 'shop-api';
/**
 * Audience of the client-credentials tokens services use on each other's /internal routes: one per
 * service called (`shop-internal:products`), so a token that one callee saw cannot be replayed
 * at another.
 */
export const serviceAudience = (service: string) => `shop-internal:${service}` as const;
export type Audience = typeof USER_AUDIENCE | `shop-internal:${string}`;
export const SIGNING_ALGORITHM = 'EdDSA';

export type Role = 'customer' | 'admin' | 'support' | 'service';

export interface Principal {
  /** User id, or the client id of a service. */
  subject: string;
  roles: Role[];
  /** The login session (refresh-token family) the token belongs to; users only. */
  sessionId: string | undefined;
  /** Display name (users' `name` claim), for things like review authors. */
  name: string | undefined;
  kind: 'user' | 'service';
  /** When the token was issued and when it stops being valid (ms since the epoch). */
  issuedAt: number;
  expiresAt: number;
}
