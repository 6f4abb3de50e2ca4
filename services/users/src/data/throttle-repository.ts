import type { Queryable } from '@shop/platform';
import type { ThrottleStore } from '../domain/throttle.js';

export function throttleRepository(db: Queryable): ThrottleStore {
  return {
    async hit(key, windowSeconds) {
      // One atomic upsert per attempt: a window that has run out starts over at 1.
      const { rows } = await db.query<{ hits: number; resets_in: number }>({
        name: 'throttle-hit',
        text: `INSERT INTO throttle AS t (key, hits, window_started_at) VALUES ($1, 1, now())
               ON CONFLICT (key) DO UPDATE SET
                 hits = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.hits + 1 END,
                 window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2)
                                          THEN now() ELSE t.window_started_at END
               RETURNING hits,
                 extract(epoch FROM window_started_at + make_interval(secs => $2) - now())::float8 AS resets_in`,
        values: [key, windowSeconds],
      });
      const row = rows[0]!;
      return { hits: row.hits, resetsInSeconds: Math.max(1, row.resets_in) };
    },

    async release(key) {
      await db.query({
        name: 'throttle-release',
        text: `UPDATE throttle SET hits = hits - 1 WHERE key = $1 AND hits > 0`,
        values: [key],
      });
    },

    async clear(key) {
      await db.query({ name: 'throttle-clear', text: `DELETE FROM throttle WHERE key = $1`, values: [key] });
    },
  };
}
