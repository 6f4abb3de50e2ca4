import { randomUUID } from 'node:crypto';
import { clientKey } from '@shop/platform/domain';
import { InvalidRefreshToken, SessionEnded } from './errors.js';
import { sessionsRevoked, type EventLog, type SessionEndReason } from './events.js';
import { secondsFrom, type Clock, type UnitOfWork } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import type { User, UserRole, UserStatus, UserStore } from './user.js';

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

/** What a use case's transaction holds to end sessions in it (and tell every service). */
export interface SessionEnding {
  sessions: SessionStore;
  events: EventLog;
}

export interface SessionsDeps {
  sessions: SessionStore;
  db: UnitOfWork<SessionEnding & { users: UserStore }>;
  tokens: TokenIssuer;
  clock: Clock;
  refreshTokenTtlSeconds: number;
  sessionMaxAgeSeconds: number;
}

type Rotation =
  | { outcome: 'rotated'; user: User; sessionId: string; refreshToken: string }
  | { outcome: 'reused' | 'invalid' };

/** Sessions: a refresh-token family per sign-in, rotated on every use, ended everywhere at once. */
export class Sessions {
  constructor(private readonly deps: SessionsDeps) {}

  /** A new login: a session (the refresh-token family) and its first token pair. */
  async start(user: User, client: ClientInfo): Promise<TokenPair> {
    const now = this.deps.clock();
    const sessionId = randomUUID();
    const expiresAt = secondsFrom(now, this.deps.sessionMaxAgeSeconds);
    const refreshToken = await this.deps.db.transaction(async (tx) => {
      await tx.sessions.create({
        id: sessionId,
        userId: user.id,
        expiresAt,
        ip: client.ip,
        clientKey: clientKey(client.ip),
        ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 256) } : {}),
      });
      return this.addRefreshToken(tx, sessionId, expiresAt);
    });
    return this.pair(user, sessionId, refreshToken);
  }

  /**
   * Trades a refresh token for a new pair. Each token works once: presenting a used one
   * means it leaked (or was stolen and used first), so the whole session is revoked,
   * logging out both the thief and the owner.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const { db, clock } = this.deps;
    const hash = hashSecret(refreshToken);
    const now = clock();
    // The revocation of a reused family must commit, so the transaction answers and we throw after it.
    const rotation = await db.transaction(async (tx): Promise<Rotation> => {
      const token = await tx.sessions.lockRefreshToken(hash);
      if (!token) return { outcome: 'invalid' };
      if (token.usedAt) {
        await this.end(tx, token.sessionId, 'refresh_token_reused');
        return { outcome: 'reused' };
      }
      const session = await tx.sessions.find(token.sessionId);
      if (!session || session.revokedAt || session.expiresAt <= now || token.expiresAt <= now)
        return { outcome: 'invalid' };
      const user = await tx.users.findById(session.userId);
      if (!user || user.status !== 'active') {
        // Disabling ended the sessions already; one that was missed ends now, and is told too.
        await this.end(tx, session.id, 'account_disabled');
        return { outcome: 'invalid' };
      }
      await tx.sessions.markRefreshTokenUsed(hash);
      await tx.sessions.touch(session.id);
      const next = await this.addRefreshToken(tx, session.id, session.expiresAt);
      return { outcome: 'rotated', user, sessionId: session.id, refreshToken: next };
    });
    if (rotation.outcome !== 'rotated') {
      throw rotation.outcome === 'reused'
        ? new InvalidRefreshToken(
            'This refresh token was already used; the session has been signed out everywhere for safety.',
          )
        : new InvalidRefreshToken();
    }
    return this.pair(rotation.user, rotation.sessionId, rotation.refreshToken);
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored: the outcome is the same. */
  async logout(refreshToken: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const token = await tx.sessions.lockRefreshToken(hashSecret(refreshToken));
      if (token) await this.end(tx, token.sessionId, 'logout');
    });
  }

  /**
   * Ends one session and, when it was live, tells every service (`user.sessions_revoked.v1`, in
   * the same transaction), so that its access tokens stop working everywhere, not only here.
   */
  async end(tx: SessionEnding, sessionId: string, reason: SessionEndReason): Promise<void> {
    const userId = await tx.sessions.revoke(sessionId, reason);
    if (userId) await tx.events.append([sessionsRevoked(userId, [sessionId], reason, this.deps.clock())]);
  }

  /** Ends every live session of the account (but `exceptSessionId`), and tells every service. */
  async endAllOf(
    tx: SessionEnding,
    userId: string,
    reason: SessionEndReason,
    exceptSessionId?: string,
  ): Promise<void> {
    const ended = await tx.sessions.revokeAllOf(userId, reason, exceptSessionId);
    if (ended.length > 0) await tx.events.append([sessionsRevoked(userId, ended, reason, this.deps.clock())]);
  }

  /**
   * Access tokens are stateless, but this service checks their session on every request,
   * so a logout, a password change or a disabled account takes effect here at once. It
   * answers the roles the account has now (a demotion also takes effect at once).
   */
  async liveRoles(principal: { subject: string; sessionId: string | undefined }): Promise<UserRole[]> {
    if (!principal.sessionId) throw new SessionEnded();
    const state = await this.deps.sessions.liveState(principal.sessionId, principal.subject);
    if (!state || state.status !== 'active') throw new SessionEnded();
    return state.roles;
  }

  private async addRefreshToken(
    tx: { sessions: SessionStore },
    sessionId: string,
    sessionExpiresAt: Date,
  ): Promise<string> {
    const token = newSecret();
    const idleExpiry = secondsFrom(this.deps.clock(), this.deps.refreshTokenTtlSeconds);
    await tx.sessions.addRefreshToken({
      hash: hashSecret(token),
      sessionId,
      expiresAt: idleExpiry < sessionExpiresAt ? idleExpiry : sessionExpiresAt,
    });
    return token;
  }

  private async pair(user: User, sessionId: string, refreshToken: string): Promise<TokenPair> {
    const access = await this.deps.tokens.accessToken({
      userId: user.id,
      roles: user.roles,
      sessionId,
      name: user.name,
    });
    return { accessToken: access.token, refreshToken, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }
}
