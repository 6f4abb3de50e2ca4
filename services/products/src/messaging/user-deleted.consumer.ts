import { UserDeleted, allEvents, on, routeEvents } from '@shop/contracts';
import { idempotentConsumer, type Pool, type PoolClient } from '@shop/platform';
import type { AccountErasure } from '../domain/account-erasure.js';

export const USER_ERASURE = 'products.user-erasure';

/** A deleted account's reviews are anonymised, its votes unlinked, its purchases dropped. */
export function userDeletedEvents(pool: Pool, erasureIn: (tx: PoolClient) => AccountErasure) {
  const router = routeEvents<PoolClient>(
    [on(UserDeleted, (tx, { userId }) => erasureIn(tx).forget(userId))],
    allEvents,
  );
  return idempotentConsumer(pool, { name: USER_ERASURE, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
}
