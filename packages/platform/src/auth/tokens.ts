/** What every access token carries and how services recognise one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Audience of tokens issued to people (customers, admins) for the public API. */
export const USER_AUDIENCE = 'shop-api';
/** Audience of client-credentials tokens that services use on each other's /internal routes. */
export const SERVICE_AUDIENCE = 'shop-internal';
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
