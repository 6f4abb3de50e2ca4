import { Type } from 'typebox';
import { defineEvent } from './define-event.js';

export const UserRegistered = defineEvent(
  'user.registered.v1',
  Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String() }),
);

/** The account is gone: other services drop or anonymise what they keep about this user. */
export const UserDeleted = defineEvent('user.deleted.v1', Type.Object({ userId: Type.String() }));

/**
 * Sessions of the account ended (logout, password change or reset, the account disabled, demoted
 * or deleted, a refresh token replayed): every service refuses the access tokens of these
 * sessions from now on, rather than when they expire. A token names its session (`sid`), so the
 * list is exact; an entry can be forgotten once the longest access-token lifetime has passed since
 * `revokedAt`.
 */
export const UserSessionsRevoked = defineEvent(
  'user.sessions_revoked.v1',
  Type.Object({
    userId: Type.String(),
    sessionIds: Type.Array(Type.String(), { minItems: 1 }),
    reason: Type.Union([
      Type.Literal('logout'),
      Type.Literal('password_changed'),
      Type.Literal('password_reset'),
      Type.Literal('account_disabled'),
      Type.Literal('roles_changed'),
      Type.Literal('refresh_token_reused'),
      Type.Literal('account_deleted'),
    ]),
    revokedAt: Type.String({ format: 'date-time' }),
  }),
);
