import { UserDeleted, allEvents, on, routeEvents } from '@shop/contracts';
import { idempotentConsumer, type Pool, type PoolClient } from '@shop/platform';
import { erasureRepository } from '../data/erasure-repository.js';
import { accountErasure } from '../domain/account-erasure.js';

export const USER_ERASURE = 'products.user-erasure';

const router = routeEvents<PoolClient>(
  [on(UserDeleted, (tx, { userId }) => accountErasure(erasureRepository(tx)).forget(userId))],
  allEvents,
);

/** A deleted account's reviews are anonymised, its votes unlinked, its purchases dropped. */
export const userDeletedEvents = (pool: Pool) =>
  idempotentConsumer(pool, { name: USER_ERASURE, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
