import type { Pool } from '@shop/platform';
import type { SagaLeases } from '../domain/ports.js';

/**
 * Leases on orders (lease_owner, lease_until): the driver of an order's saga holds one, so two
 * replicas never drive the same order, and the orders of a replica that died are picked up once
 * its leases run out.
 */
export class SagaLeaseRepository implements SagaLeases {
  constructor(
    private readonly pool: Pool,
    private readonly pollSeconds: number,
  ) {}

  async claim(orderId: string, owner: string, seconds: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE orders SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
       WHERE id = $1 AND (lease_until IS NULL OR lease_until < now())`,
      [orderId, owner, seconds],
    );
    return (rowCount ?? 0) > 0;
  }

  async release(orderId: string, owner: string): Promise<number | undefined> {
    // A payment awaiting the customer was just looked at: next look after the poll interval.
    const { rows } = await this.pool.query<{ version: number }>(
      `UPDATE orders SET lease_owner = NULL, lease_until = NULL,
         wake_at = CASE WHEN saga_step = 'done' THEN NULL
           WHEN saga_step = 'await_payment' AND wake_at <= now()
           THEN least(expires_at, now() + make_interval(secs => $3)) ELSE wake_at END
       WHERE id = $1 AND lease_owner = $2 RETURNING version`,
      [orderId, owner, this.pollSeconds],
    );
    return rows[0]?.version;
  }

  async claimDue(owner: string, limit: number, seconds: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH due AS (
         SELECT id FROM orders
         WHERE wake_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY wake_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE orders o SET lease_owner = $1, lease_until = now() + make_interval(secs => $3)
       FROM due WHERE o.id = due.id RETURNING o.id`,
      [owner, limit, seconds],
    );
    return rows.map((row) => row.id);
  }

  async retryLater(orderId: string, owner: string, error: string): Promise<void> {
    // Backoff: 1, 2, 4 … seconds, at most a minute between attempts.
    await this.pool.query(
      `UPDATE orders SET saga_attempts = saga_attempts + 1, saga_error = left($3, 500),
         wake_at = now() + make_interval(secs => least(60, power(2, saga_attempts))),
         lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2`,
      [orderId, owner, error],
    );
  }
}
