import type { Queryable } from '@shop/platform';
import type { EmailTokenStore } from '../domain/email-tokens.js';

export function emailTokensRepository(db: Queryable): EmailTokenStore {
  return {
    async insert(token) {
      await db.query(
        `INSERT INTO email_tokens (token_hash, user_id, purpose, email, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [token.hash, token.userId, token.purpose, token.email, token.expiresAt],
      );
    },

    async use(hash, purpose, now) {
      // One statement: of two concurrent uses, exactly one gets the row.
      const { rows } = await db.query<{ user_id: string; email: string }>(
        `UPDATE email_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id, email`,
        [hash, purpose, now],
      );
      const row = rows[0];
      return row ? { userId: row.user_id, email: row.email } : undefined;
    },

    async deleteAllOf(userId) {
      await db.query(`DELETE FROM email_tokens WHERE user_id = $1`, [userId]);
    },

    async discardUnused(userId, purpose) {
      await db.query(`DELETE FROM email_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
        userId,
        purpose,
      ]);
    },
  };
}
