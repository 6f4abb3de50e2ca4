import type { Pool } from '@shop/platform';
import type { IdempotencyKeys, IdempotencyRecord, StoredResponse } from '../domain/idempotency.js';

export class IdempotencyRepository implements IdempotencyKeys {
  constructor(private readonly pool: Pool) {}

  async begin(
    userId: string,
    key: string,
    fingerprint: string,
    seconds: number,
    holder: string,
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO idempotency_keys (user_id, key, fingerprint, state, locked_until, holder)
       VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4), $5)
       ON CONFLICT (user_id, key) DO NOTHING`,
      [userId, key, fingerprint, seconds, holder],
    );
    return (rowCount ?? 0) > 0;
  }

  async find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.pool.query<{
      state: IdempotencyRecord['state'];
      fingerprint: string;
      locked_until: Date | null;
      order_id: string | null;
      response_status: number | null;
      response_body: unknown;
    }>(
      `SELECT state, fingerprint, locked_until, order_id, response_status, response_body
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      state: row.state,
      fingerprint: row.fingerprint,
      lockedUntil: row.locked_until,
      orderId: row.order_id,
      response:
        row.response_status === null ? null : { status: row.response_status, body: row.response_body },
    };
  }

  async takeOver(userId: string, key: string, seconds: number, holder: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3), holder = $4
       WHERE user_id = $1 AND key = $2 AND state = 'in_progress' AND order_id IS NULL
         AND (locked_until IS NULL OR locked_until <= now())`,
      [userId, key, seconds, holder],
    );
    return (rowCount ?? 0) > 0;
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', locked_until = NULL, response_status = $3,
         response_body = $4 WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`,
      [userId, key, response.status, JSON.stringify(response.body)],
    );
  }

  async forget(userId: string, key: string, holder: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND order_id IS NULL AND holder = $3`,
      [userId, key, holder],
    );
  }

  /** Keys older than the retention are forgotten (Stripe keeps them 24 hours). */
  async purge(hours: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)
         AND state = 'completed'`,
      [hours],
    );
    return rowCount ?? 0;
  }
}
