import { isUuid } from '@shop/platform';
import type { Queryable } from '@shop/platform';
import type { SessionStore } from '../domain/sessions.js';
import type { UserRole, UserStatus } from '../domain/user.js';

export function sessionsRepository(db: Queryable): SessionStore {
  return {
    async create(session) {
      await db.query(
        `INSERT INTO sessions (id, user_id, expires_at, user_agent, ip, client_key)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          session.id,
          session.userId,
          session.expiresAt,
          session.userAgent ?? null,
          session.ip ?? null,
          session.clientKey ?? null,
        ],
      );
    },

    async signedInLatelyFrom(email, clientKey, days) {
      const { rows } = await db.query<{ known: boolean }>({
        name: 'sessions-signed-in-lately-from',
        text: `SELECT EXISTS (
                 SELECT 1 FROM users u JOIN sessions s ON s.user_id = u.id
                 WHERE u.email = $1 AND s.client_key = $2
                   AND s.last_used_at > now() - make_interval(days => $3)
                   AND (s.revoked_reason IS NULL OR s.revoked_reason IN ('logout', 'roles_changed'))
               ) AS known`,
        values: [email, clientKey, days],
      });
      return rows[0]!.known;
    },

    async addRefreshToken(token) {
      await db.query(`INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ($1, $2, $3)`, [
        token.hash,
        token.sessionId,
        token.expiresAt,
      ]);
    },

    async lockRefreshToken(hash) {
      const { rows } = await db.query<{ session_id: string; used_at: Date | null; expires_at: Date }>(
        `SELECT session_id, used_at, expires_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
      const row = rows[0];
      return row ? { sessionId: row.session_id, usedAt: row.used_at, expiresAt: row.expires_at } : undefined;
    },

    async markRefreshTokenUsed(hash) {
      await db.query(`UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1`, [hash]);
    },

    async find(id) {
      const { rows } = await db.query<{
        id: string;
        user_id: string;
        expires_at: Date;
        revoked_at: Date | null;
      }>(`SELECT id, user_id, expires_at, revoked_at FROM sessions WHERE id = $1`, [id]);
      const row = rows[0];
      return row
        ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at, revokedAt: row.revoked_at }
        : undefined;
    },

    async touch(id) {
      await db.query(`UPDATE sessions SET last_used_at = now() WHERE id = $1`, [id]);
    },

    async revoke(id, reason) {
      const { rows } = await db.query<{ user_id: string }>(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE id = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING user_id`,
        [id, reason],
      );
      return rows[0]?.user_id;
    },

    async revokeAllOf(userId, reason, exceptSessionId) {
      const { rows } = await db.query<{ id: string }>(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
           AND ($3::uuid IS NULL OR id <> $3::uuid)
         RETURNING id`,
        [userId, reason, exceptSessionId ?? null],
      );
      return rows.map((row) => row.id).sort();
    },

    async deleteAllOf(userId) {
      await db.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
    },

    async liveState(sessionId, userId) {
      if (!isUuid(sessionId) || !isUuid(userId)) return undefined;
      const { rows } = await db.query<{ status: UserStatus; roles: UserRole[] }>({
        name: 'sessions-live-state',
        text: `SELECT u.status, u.roles FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
        values: [sessionId, userId],
      });
      return rows[0];
    },
  };
}
