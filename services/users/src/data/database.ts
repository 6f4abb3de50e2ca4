import { fileURLToPath } from 'node:url';
import { withTransaction, type Outbox, type Pool, type PoolClient, type Queryable } from '@shop/platform';
import type { Database, Stores } from '../domain/deps.js';
import type { EventLog } from '../domain/events.js';
import { addressesRepository } from './addresses-repository.js';
import { emailTokensRepository } from './email-tokens-repository.js';
import { favoritesRepository } from './favorites-repository.js';
import { sessionsRepository } from './sessions-repository.js';
import { throttleRepository } from './throttle-repository.js';
import { usersRepository } from './users-repository.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The domain's Database port on a pg pool: stores on the pool, or on one transaction. */
export function createDatabase(pool: Pool, outbox: Outbox): Database {
  const storesOn = (db: Queryable, transaction?: PoolClient): Stores => ({
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    emailTokens: emailTokensRepository(db),
    throttle: throttleRepository(db),
    addresses: addressesRepository(db),
    favorites: favoritesRepository(db),
    events: eventLog(outbox, transaction),
  });
  return {
    ...storesOn(pool),
    transaction: (work) => withTransaction(pool, (client) => work(storesOn(client, client))),
  };
}

function eventLog(outbox: Outbox, transaction: PoolClient | undefined): EventLog {
  return {
    async append(events) {
      if (!transaction)
        throw new Error('Events are written inside a transaction, with the change they describe.');
      await outbox.append(transaction, events);
    },
  };
}

/** Forgets what no longer matters: ended windows, long-expired sessions and links. */
export async function sweepExpired(pool: Pool, maxWindowSeconds: number): Promise<void> {
  await pool.query(`DELETE FROM throttle WHERE window_started_at < now() - make_interval(secs => $1)`, [
    maxWindowSeconds,
  ]);
  await pool.query(`DELETE FROM sessions WHERE expires_at < now() - interval '7 days'`);
  // A spent token past its expiry proves nothing any more (it would be refused anyway).
  await pool.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`);
  await pool.query(`DELETE FROM email_tokens WHERE expires_at < now() - interval '1 day'`);
}
