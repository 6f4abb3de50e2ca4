import { allEvents, on, routeEvents, UserSessionsRevoked } from '@shop/contracts';
import { idempotentConsumer, type Pool, type PoolClient, type SessionRevocations } from '@shop/platform';

export const SESSION_REVOCATIONS = 'products.session-revocations';

/** user.sessions_revoked.v1: this service refuses those sessions' access tokens from now on. */
export function sessionRevocationEvents(pool: Pool, revocations: SessionRevocations) {
  const router = routeEvents<PoolClient>(
    [on(UserSessionsRevoked, (tx, payload) => revocations.record(tx, payload))],
    allEvents,
  );
  return idempotentConsumer(pool, { name: SESSION_REVOCATIONS, events: router.types }, (tx, event) =>
    router.handle(tx, event),
  );
}
