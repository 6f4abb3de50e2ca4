import { join } from 'node:path';
import {
  packageRoot,
  withTransaction,
  type Outbox,
  type Pool,
  type PoolClient,
  type Queryable,
} from '@shop/platform';
import type { AddressStore } from '../domain/address-book.js';
import type { EmailTokenStore } from '../domain/email-tokens.js';
import type { EventLog } from '../domain/events.js';
import type { FavoriteStore } from '../domain/favorites.js';
import type { NotificationStore } from '../domain/notifications.js';
import type { UnitOfWork } from '../domain/ports.js';
import type { CatalogProjection } from '../domain/products.js';
import type { SignalStore } from '../domain/recommendation-signals.js';
import type { RecommendationStore } from '../domain/recommendations.js';
import type { SessionStore } from '../domain/sessions.js';
import type { ThrottleStore } from '../domain/throttle.js';
import type { UserStore } from '../domain/user.js';
import { addressesRepository } from './addresses-repository.js';
import { emailTokensRepository } from './email-tokens-repository.js';
import { catalogProjectionRepository } from './catalog-projection-repository.js';
import { favoritesRepository } from './favorites-repository.js';
import { notificationsRepository } from './notifications-repository.js';
import { recommendationsRepository } from './recommendations-repository.js';
import { signalsRepository } from './signals-repository.js';
import { sessionsRepository } from './sessions-repository.js';
import { throttleRepository } from './throttle-repository.js';
import { usersRepository } from './users-repository.js';

/**
 * Every store, bound to one connection (or to one transaction). The use cases each name the
 * few they need (their `<Class>Deps`); this is what satisfies all of them.
 */
export interface Stores {
  users: UserStore;
  sessions: SessionStore;
  emailTokens: EmailTokenStore;
  throttle: ThrottleStore;
  addresses: AddressStore;
  favorites: FavoriteStore;
  /** The recommendation model's projections of other services' events. */
  signals: SignalStore;
  catalogProjection: CatalogProjection;
  recommendations: RecommendationStore;
  notifications: NotificationStore;
  /** Only inside a transaction: events are written with the change they describe. */
  events: EventLog;
}

/** The stores on the pool, and one transaction over all of them. */
export interface Database extends Stores, UnitOfWork<Stores> {}

export const MIGRATIONS_DIR = join(packageRoot(import.meta.url), 'migrations');

/** The domain's Database port on a pg pool: stores on the pool, or on one transaction. */
export function createDatabase(pool: Pool, outbox: Outbox): Database {
  return {
    ...storesOn(pool, outbox),
    transaction: (work) => withTransaction(pool, (client) => work(storesOn(client, outbox, client))),
  };
}

/** The stores on one connection; with `transaction`, events can be written too. */
export function storesOn(db: Queryable, outbox: Outbox, transaction?: PoolClient): Stores {
  return {
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    emailTokens: emailTokensRepository(db),
    throttle: throttleRepository(db),
    addresses: addressesRepository(db),
    favorites: favoritesRepository(db),
    signals: signalsRepository(db),
    catalogProjection: catalogProjectionRepository(db),
    recommendations: recommendationsRepository(db),
    notifications: notificationsRepository(db),
    events: eventLog(outbox, transaction),
  };
}

function eventLog(outbox: Outbox, transaction: PoolClient | undefined): EventLog {
  const inTransaction = () => {
    if (!transaction)
      throw new Error('Events are written inside a transaction, with the change they describe.');
    return transaction;
  };
  return {
    async append(events) {
      await outbox.append(inTransaction(), events);
    },
    async erasePublished(aggregateId) {
      await outbox.erasePublished(inTransaction(), aggregateId);
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
  // Sent mails are kept a while so that a late re-telling of the same fact is recognised.
  await pool.query(
    `DELETE FROM notifications WHERE coalesce(sent_at, failed_at) < now() - interval '90 days'`,
  );
  await pool.query(`DELETE FROM stock_alerts WHERE alerted_at < now() - interval '30 days'`);
}
