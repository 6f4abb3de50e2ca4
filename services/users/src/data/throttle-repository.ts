import type { Queryable } from '@shop/platform';
import type { ThrottleStore } from '../domain/throttle.js';

export function throttleRepository(db: Queryable): ThrottleStore {
  const store: ThrottleStore = {
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

    async hitSpaced(key, windowSeconds, free, maxDelaySeconds) {
      // The first attempt of a key: nothing to wait for.
      const created = await db.query({
        name: 'throttle-spaced-first',
        text: `INSERT INTO throttle (key, hits, window_started_at) VALUES ($1, 1, now())
               ON CONFLICT (key) DO NOTHING RETURNING hits`,
        values: [key],
      });
      if (created.rowCount === 1) return { allowed: true, waitSeconds: 0 };
      // The row is locked (FOR UPDATE in the subquery) and read as it is now, so of parallel
      // attempts only one finds the key free; it sets the delay the others then wait out.
      const { rows } = await db.query<{ waiting: boolean; wait_s: number | null }>({
        name: 'throttle-spaced-hit',
        text: `UPDATE throttle AS t SET
                 hits = CASE WHEN o.ended THEN 1 WHEN o.waiting THEN o.hits ELSE o.hits + 1 END,
                 window_started_at = CASE WHEN o.ended THEN now() ELSE o.window_started_at END,
                 blocked_until = CASE
                   WHEN o.ended OR o.hits + 1 <= $3 THEN NULL
                   WHEN o.waiting THEN o.blocked_until
                   ELSE now() + make_interval(secs => least($4::float8, power(2, o.hits - $3)::float8))
                 END
               FROM (
                 SELECT key, hits, window_started_at, blocked_until,
                   window_started_at <= now() - make_interval(secs => $2) AS ended,
                   window_started_at > now() - make_interval(secs => $2)
                     AND coalesce(blocked_until > now(), false) AS waiting
                 FROM throttle WHERE key = $1 FOR UPDATE
               ) AS o
               WHERE t.key = o.key
               RETURNING o.waiting, extract(epoch FROM o.blocked_until - now())::float8 AS wait_s`,
        values: [key, windowSeconds, free, maxDelaySeconds],
      });
      const row = rows[0];
      // Cleared between the two statements: count afresh.
      if (!row) return store.hitSpaced(key, windowSeconds, free, maxDelaySeconds);
      return row.waiting
        ? { allowed: false, waitSeconds: Math.max(1, row.wait_s ?? 1) }
        : { allowed: true, waitSeconds: 0 };
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

    async clearStartingWith(prefix) {
      await db.query(`DELETE FROM throttle WHERE starts_with(key, $1)`, [prefix]);
    },
  };
  return store;
}
