import { allEvents, on, routeEvents, UserDeleted } from '@shop/contracts';
import { idempotentConsumer, type Pool, type PoolClient } from '@shop/platform';
import { recordErasure } from '../data/erasure-repository.js';

export const ACCOUNT_ERASURE = 'orders.account-erasure';

/** user.deleted.v1: see AccountErasure for what follows on the recovery loop. */
const router = routeEvents<PoolClient>(
  [on(UserDeleted, (tx, { userId }) => recordErasure(tx, userId))],
  allEvents,
);

export const accountErasureEvents = (pool: Pool) =>
  idempotentConsumer(pool, { name: ACCOUNT_ERASURE, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
