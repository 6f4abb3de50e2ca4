import type { Queryable } from '@shop/platform';
import type { DueNotification, NotificationStore } from '../domain/notifications.js';

export function notificationsRepository(db: Queryable): NotificationStore {
  return {
    async owe({ fact, userId, details }) {
      const result = await db.query(
        `INSERT INTO notifications (fact, user_id, kind, details) VALUES ($1, $2, $3, $4)
         ON CONFLICT (fact) DO NOTHING`,
        [fact, userId, details.kind, details],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async oweBackInStock(productId, at, cooldownHours, details) {
      // The alert row is the gate: only users whose last alert for it is older than the
      // cooldown get one now (an older event arriving late is never newer than the last alert).
      const result = await db.query(
        `WITH told AS (
           INSERT INTO stock_alerts (user_id, product_id, alerted_at)
           SELECT f.user_id, f.product_id, $2 FROM favorites f
           JOIN users u ON u.id = f.user_id AND u.status = 'active'
           -- Only who had it among their favorites when it came back: a late or replayed
           -- event must not mail someone who favorited it afterwards.
           WHERE f.product_id = $1 AND f.created_at <= $2
           ORDER BY f.user_id
           ON CONFLICT (user_id, product_id) DO UPDATE SET alerted_at = excluded.alerted_at
             WHERE stock_alerts.alerted_at < excluded.alerted_at - make_interval(hours => $3)
           RETURNING user_id
         )
         INSERT INTO notifications (fact, user_id, kind, details)
         SELECT 'back_in_stock:' || $1 || ':' || user_id || ':' || to_char($2::timestamptz AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSMS'),
                user_id, 'back_in_stock', $4
         FROM told
         ON CONFLICT (fact) DO NOTHING`,
        [productId, at, cooldownHours, details],
      );
      return result.rowCount ?? 0;
    },

    async claimDue(limit, leaseSeconds) {
      const { rows } = await db.query<{
        fact: string;
        user_id: string;
        details: DueNotification['details'];
        attempts: number;
      }>(
        `UPDATE notifications SET attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => $2)
         WHERE fact IN (
           SELECT fact FROM notifications
           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
           ORDER BY next_attempt_at LIMIT $1
           FOR UPDATE SKIP LOCKED
         )
         RETURNING fact, user_id, details, attempts`,
        [limit, leaseSeconds],
      );
      return rows.map((row) => ({
        fact: row.fact,
        userId: row.user_id,
        details: row.details,
        attempts: row.attempts,
      }));
    },

    async markSent(fact) {
      await db.query(`UPDATE notifications SET sent_at = now(), last_error = NULL WHERE fact = $1`, [fact]);
    },

    async markFailed(fact, error, retryInSeconds) {
      await db.query(
        `UPDATE notifications SET last_error = left($2, 500),
           next_attempt_at = CASE WHEN $3::int IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $3::int) END,
           failed_at = CASE WHEN $3::int IS NULL THEN now() END
         WHERE fact = $1`,
        [fact, error, retryInSeconds],
      );
    },

    async discard(fact) {
      await db.query(`DELETE FROM notifications WHERE fact = $1`, [fact]);
    },

    async forgetUser(userId) {
      await db.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
      await db.query(`DELETE FROM stock_alerts WHERE user_id = $1`, [userId]);
    },
  };
}
