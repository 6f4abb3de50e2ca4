import type pg from 'pg';
import { PgListener } from '../db/pg-listener.js';
import type { Queryable } from '../db/pool.js';
import { PeriodicTask } from '../lifecycle/periodic-task.js';
import type { Log } from '../logger.js';

const CHANNEL = 'sessions_revoked';
/** NOTIFY payloads stop at 8,000 bytes: session ids go out in batches that fit. */
const IDS_PER_NOTICE = 150;
/**
 * How long a revoked session is remembered by default: an access token lives at most this long
 * (users' ACCESS_TOKEN_TTL_SECONDS has it as its maximum), so by then every token is refused anyway.
 */
export const REVOKED_SESSION_RETAIN_SECONDS = 3600;

export interface RevokedSessions {
  userId: string;
  sessionIds: string[];
  revokedAt: string;
}

export interface SessionRevocationsOptions {
  pool: pg.Pool;
  connectionString: string;
  log: Log;
  /**
   * How long a revoked session is remembered: at least the longest access-token lifetime, after
   * which every token of the session has expired anyway (REVOKED_SESSION_RETAIN_SECONDS).
   */
  retainSeconds?: number;
  /** How often the table is read again whole and the expired entries dropped (default 60 s). */
  refreshMs?: number;
}

/**
 * The sessions the user service ended (logout, password change or reset, a disabled or demoted
 * account, a replayed refresh token), so that every service refuses their access tokens at once
 * instead of when they expire. Another service's consumer of `user.sessions_revoked.v1` calls
 * `record` in its transaction; the rows live in this service's database, and every replica keeps
 * them in memory: read whole at start and every `refreshMs`, and told of new ones at commit by
 * NOTIFY (each replica applies every revocation, although the bus hands the event to one of them).
 * The check on each request is one Map lookup.
 */
export class SessionRevocations {
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Set<(sessionIds: string[]) => void>();
  private readonly listener: PgListener;
  private readonly refresh: PeriodicTask;
  private readonly retainSeconds: number;

  constructor(private readonly options: SessionRevocationsOptions) {
    this.retainSeconds = options.retainSeconds ?? REVOKED_SESSION_RETAIN_SECONDS;
    this.listener = new PgListener({
      connectionString: options.connectionString,
      channel: CHANNEL,
      name: 'session revocations',
      log: options.log,
      retryMs: 1000,
      whileLost: 'relying on the periodic read of revoked sessions',
      onNotification: (payload) => this.learn(payload.split(',').filter(Boolean)),
      // Notices sent while the connection was down are missed: read the table again.
      onListening: () => this.refresh.wake(),
    });
    this.refresh = new PeriodicTask({
      name: 'revoked sessions refresh',
      intervalMs: options.refreshMs ?? 60_000,
      log: options.log,
      run: () => this.reload(),
    });
  }

  /** Whether the session's access tokens are refused. */
  isRevoked(sessionId: string | undefined): boolean {
    if (sessionId === undefined) return false;
    const forgetAt = this.revoked.get(sessionId);
    return forgetAt !== undefined && forgetAt > Date.now();
  }

  /** Called with the ids of sessions this replica learns are revoked (to end their live streams). */
  onRevoked(listener: (sessionIds: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes a revocation in the consumer's transaction; every replica hears of it at commit. */
  async record(tx: Queryable, revocation: RevokedSessions): Promise<void> {
    await tx.query(
      `INSERT INTO revoked_sessions (session_id, user_id, revoked_at, forget_after)
       SELECT id, $2, $3::timestamptz, $3::timestamptz + make_interval(secs => $4)
       FROM unnest($1::text[]) AS id
       ON CONFLICT (session_id) DO NOTHING`,
      [revocation.sessionIds, revocation.userId, revocation.revokedAt, this.retainSeconds],
    );
    for (let i = 0; i < revocation.sessionIds.length; i += IDS_PER_NOTICE) {
      const batch = revocation.sessionIds.slice(i, i + IDS_PER_NOTICE).join(',');
      await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, batch]);
    }
  }

  async start(): Promise<void> {
    await this.reload();
    await this.listener.start();
    this.refresh.start();
  }

  async stop(): Promise<void> {
    await this.refresh.stop();
    await this.listener.stop();
  }

  private async reload(): Promise<void> {
    await this.options.pool.query('DELETE FROM revoked_sessions WHERE forget_after < now()');
    const { rows } = await this.options.pool.query<{ session_id: string; forget_at: number }>(
      `SELECT session_id, extract(epoch FROM forget_after) * 1000 AS forget_at FROM revoked_sessions`,
    );
    const fresh = rows.filter((row) => !this.revoked.has(row.session_id)).map((row) => row.session_id);
    // Merged, not replaced: a notice heard while the read ran may name a row it did not see.
    const now = Date.now();
    for (const [sessionId, forgetAt] of this.revoked) if (forgetAt <= now) this.revoked.delete(sessionId);
    for (const row of rows) this.revoked.set(row.session_id, Number(row.forget_at));
    if (fresh.length > 0) this.tell(fresh);
  }

  private learn(sessionIds: string[]): void {
    // Remembered for the retention from now: the row's own time comes with the next reload.
    const forgetAt = Date.now() + this.retainSeconds * 1000;
    const fresh = sessionIds.filter((id) => !this.revoked.has(id));
    for (const id of fresh) this.revoked.set(id, forgetAt);
    if (fresh.length > 0) this.tell(fresh);
  }

  private tell(sessionIds: string[]): void {
    for (const listener of this.listeners) listener(sessionIds);
  }
}
