import type { PoolClient } from '@shop/platform';

/**
 * A transaction-scoped lock on one user id. Review writes take it shared; purchase events and
 * the erasure of the account take it exclusively. Without it a review written while a purchase
 * event commits could miss the purchase (each transaction not seeing the other's rows), and a
 * review written while the account is erased could keep the author's name.
 */
export async function lockUser(client: PoolClient, userId: string, mode: 'shared' | 'exclusive') {
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await client.query(`SELECT ${lock}(hashtextextended('products.user:' || $1, 0))`, [userId]);
}

export async function isForgotten(client: PoolClient, userId: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM forgotten_users WHERE user_id = $1', [userId]);
  return rowCount === 1;
}
