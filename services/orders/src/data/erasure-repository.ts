import { withTransaction, type Pool, type PoolClient } from '@shop/platform';
import type { ErasureStore } from '../domain/account-erasure.js';
import { CANCELLABLE } from '../domain/order-status.js';

/** user.deleted.v1: remembers the erasure and scrubs at once what needs no saga. */
export async function recordErasure(tx: PoolClient, userId: string): Promise<void> {
  await tx.query(`INSERT INTO erased_accounts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [
    userId,
  ]);
  await scrub(tx, userId);
}

/**
 * The cart and idempotency keys (whose stored answers hold the address) go; orders that can no
 * longer ship lose their address and tracking number and keep amounts, lines and statuses. The
 * version moves on, so a writer holding the order as it was (a delivery) has to read it again
 * instead of writing the tracking number back.
 */
async function scrub(tx: PoolClient, userId: string): Promise<void> {
  await tx.query(`DELETE FROM cart_items WHERE user_id = $1`, [userId]);
  await tx.query(`DELETE FROM idempotency_keys WHERE user_id = $1`, [userId]);
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE orders SET shipping_address = NULL, tracking_number = NULL, anonymised_at = now(),
       version = version + 1, updated_at = now()
     WHERE user_id = $1 AND anonymised_at IS NULL AND status <> ALL($2::text[])
     RETURNING id`,
    [userId, CANCELLABLE],
  );
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  await tx.query(
    `UPDATE order_status_history SET data = data - 'tracking' WHERE order_id = ANY($1::uuid[]) AND data ? 'tracking'`,
    [ids],
  );
  // Events already relayed are kept a while for inspection; unpublished ones must go out as they are.
  await tx.query(
    `UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,trackingNumber}', '""')
     WHERE event_type = 'order.shipped.v1' AND published_at IS NOT NULL AND aggregate_id = ANY($1::text[])`,
    [ids],
  );
}

export class ErasureRepository implements ErasureStore {
  constructor(private readonly pool: Pool) {}

  async isErased(userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM erased_accounts WHERE user_id = $1`, [userId]);
    return (rowCount ?? 0) > 0;
  }

  async due(limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT user_id FROM erased_accounts WHERE done_at IS NULL AND check_at <= now()
       ORDER BY check_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.user_id);
  }

  async openOrders(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM orders WHERE user_id = $1 AND status = ANY($2::text[])`,
      [userId, CANCELLABLE],
    );
    return rows.map((row) => row.id);
  }

  async scrub(userId: string): Promise<void> {
    await withTransaction(this.pool, (tx) => scrub(tx, userId));
  }

  async settle(userId: string, watchSeconds: number, recheckSeconds: number): Promise<void> {
    await this.pool.query(
      `WITH remaining AS (SELECT count(*) AS n FROM orders WHERE user_id = $1 AND anonymised_at IS NULL)
       UPDATE erased_accounts SET
         done_at = CASE WHEN remaining.n = 0 AND erased_at <= now() - make_interval(secs => $2)
           THEN now() END,
         check_at = now() + make_interval(secs => CASE WHEN remaining.n = 0 THEN $3 ELSE 0 END)
       FROM remaining WHERE user_id = $1`,
      [userId, watchSeconds, recheckSeconds],
    );
  }
}
