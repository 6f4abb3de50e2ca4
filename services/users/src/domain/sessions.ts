import { randomUUID } from 'node:crypto';
import { clientKey } from '@shop/platform';
import { secondsFrom, type Deps, type Stores } from './deps.js';
import { InvalidRefreshToken, SessionEnded } from './errors.js';
import { sessionsRevoked, type SessionEndReason } from './events.js';
import { hashSecret, newSecret } from './secrets.js';
import type { User, UserRole, UserStatus } from './user.js';

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionStore {
  create(session: {
    id: string;
    userId: string;
    expiresAt: Date;
    userAgent?: string;
    ip?: string;
    /** The address as the sign-in budgets count it (clientKey). */
    clientKey?: string;
  }): Promise<void>;
  /**
   * Whether the account of `email` signed in from `clientKey` and used that session within
   * `days`, the session not ended as a sign of compromise (password changed or reset, refresh
   * token replayed, account disabled). As much work whether or not the account exists.
   */
  signedInLatelyFrom(email: string, clientKey: string, days: number): Promise<boolean>;
  addRefreshToken(token: { hash: Buffer; sessionId: string; expiresAt: Date }): Promise<void>;
  /** Reads a refresh token and locks it until the transaction ends (concurrent uses queue up). */
  lockRefreshToken(
    hash: Buffer,
  ): Promise<{ sessionId: string; usedAt: Date | null; expiresAt: Date } | undefined>;
  markRefreshTokenUsed(hash: Buffer): Promise<void>;
  find(id: string): Promise<Session | undefined>;
  touch(id: string): Promise<void>;
  /** Ends the session if it is live; answers its user's id then, undefined when nothing ended. */
  revoke(id: string, reason: SessionEndReason): Promise<string | undefined>;
  /** Ends the account's live sessions (but one); answers the ids of those that ended. */
  revokeAllOf(userId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<string[]>;
  /** The account's sessions and refresh tokens are forgotten (account deletion). */
  deleteAllOf(userId: string): Promise<void>;
  /** The account's current status and roles when the session is live; undefined otherwise. */
  liveState(
    sessionId: string,
    userId: string,
  ): Promise<{ status: UserStatus; roles: UserRole[] } | undefined>;
}

export interface AccessClaims {
  userId: string;
  roles: UserRole[];
  sessionId: string;
  name: string;
}

/** Signs tokens with the current key (EdDSA JWTs). */
export interface TokenIssuer {
  accessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** A client-credentials token of `clientId` for calling the service `audience`. */
  serviceToken(clientId: string, audience: string): Promise<{ token: string; expiresIn: number }>;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

/** A new login: a session (the refresh-token family) and its first token pair. */
export async function startSession(deps: Deps, user: User, client: ClientInfo): Promise<TokenPair> {
  const now = deps.clock();
  const sessionId = randomUUID();
  const expiresAt = secondsFrom(now, deps.settings.sessionMaxAgeSeconds);
  const refreshToken = await deps.db.transaction(async (tx) => {
    await tx.sessions.create({
      id: sessionId,
      userId: user.id,
      expiresAt,
      ip: client.ip,
      clientKey: clientKey(client.ip),
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 256) } : {}),
    });
    return addRefreshToken(deps, tx, sessionId, expiresAt);
  });
  return pair(deps, user, sessionId, refreshToken);
}

type Rotation =
  | { outcome: 'rotated'; user: User; sessionId: string; refreshToken: string }
  | { outcome: 'reused' | 'invalid' };

/**
 * Trades a refresh token for a new pair. Each token works once: presenting a used one
 * means it leaked (or was stolen and used first), so the whole session is revoked,
 * logging out both the thief and the owner.
 */
export async function refresh(deps: Deps, refreshToken: string): Promise<TokenPair> {
  const hash = hashSecret(refreshToken);
  const now = deps.clock();
  // The revocation of a reused family must commit, so the transaction answers and we throw after it.
  const rotation = await deps.db.transaction(async (tx): Promise<Rotation> => {
    const token = await tx.sessions.lockRefreshToken(hash);
    if (!token) return { outcome: 'invalid' };
    if (token.usedAt) {
      await endSession(deps, tx, token.sessionId, 'refresh_token_reused');
      return { outcome: 'reused' };
    }
    const session = await tx.sessions.find(token.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= now || token.expiresAt <= now)
      return { outcome: 'invalid' };
    const user = await tx.users.findById(session.userId);
    if (!user || user.status !== 'active') {
      // Disabling ended the sessions already; one that was missed ends now, and is told too.
      await endSession(deps, tx, session.id, 'account_disabled');
      return { outcome: 'invalid' };
    }
    await tx.sessions.markRefreshTokenUsed(hash);
    await tx.sessions.touch(session.id);
    const next = await addRefreshToken(deps, tx, session.id, session.expiresAt);
    return { outcome: 'rotated', user, sessionId: session.id, refreshToken: next };
  });
  if (rotation.outcome !== 'rotated') {
    throw rotation.outcome === 'reused'
      ? new InvalidRefreshToken(
          'This refresh token was already used; the session has been signed out everywhere for safety.',
        )
      : new InvalidRefreshToken();
  }
  return pair(deps, rotation.user, rotation.sessionId, rotation.refreshToken);
}

/** Ends the session the refresh token belongs to. Unknown tokens are ignored: the outcome is the same. */
export async function logout(deps: Deps, refreshToken: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const token = await tx.sessions.lockRefreshToken(hashSecret(refreshToken));
    if (token) await endSession(deps, tx, token.sessionId, 'logout');
  });
}

/**
 * Ends one session and, when it was live, tells every service (`user.sessions_revoked.v1`, in
 * the same transaction), so that its access tokens stop working everywhere, not only here.
 */
export async function endSession(
  deps: Pick<Deps, 'clock'>,
  tx: Stores,
  sessionId: string,
  reason: SessionEndReason,
): Promise<void> {
  const userId = await tx.sessions.revoke(sessionId, reason);
  if (userId) await tx.events.append([sessionsRevoked(userId, [sessionId], reason, deps.clock())]);
}

/** Ends every live session of the account (but `exceptSessionId`), and tells every service. */
export async function endSessionsOf(
  deps: Pick<Deps, 'clock'>,
  tx: Stores,
  userId: string,
  reason: SessionEndReason,
  exceptSessionId?: string,
): Promise<void> {
  const ended = await tx.sessions.revokeAllOf(userId, reason, exceptSessionId);
  if (ended.length > 0) await tx.events.append([sessionsRevoked(userId, ended, reason, deps.clock())]);
}

/**
 * Access tokens are stateless, but this service checks their session on every request,
 * so a logout, a password change or a disabled account takes effect here at once. It
 * answers the roles the account has now (a demotion also takes effect at once).
 */
export async function liveRoles(
  deps: Deps,
  principal: { subject: string; sessionId: string | undefined },
): Promise<UserRole[]> {
  if (!principal.sessionId) throw new SessionEnded();
  const state = await deps.db.sessions.liveState(principal.sessionId, principal.subject);
  if (!state || state.status !== 'active') throw new SessionEnded();
  return state.roles;
}

async function addRefreshToken(deps: Deps, tx: Stores, sessionId: string, sessionExpiresAt: Date) {
  const token = newSecret();
  const idleExpiry = secondsFrom(deps.clock(), deps.settings.refreshTokenTtlSeconds);
  await tx.sessions.addRefreshToken({
    hash: hashSecret(token),
    sessionId,
    expiresAt: idleExpiry < sessionExpiresAt ? idleExpiry : sessionExpiresAt,
  });
  return token;
}

async function pair(deps: Deps, user: User, sessionId: string, refreshToken: string): Promise<TokenPair> {
  const access = await deps.tokens.accessToken({
    userId: user.id,
    roles: user.roles,
    sessionId,
    name: user.name,
  });
  return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
}
