import { UserDeleted, UserRegistered, UserSessionsRevoked, type PayloadOf } from '@shop/contracts';
import type { User } from './user.js';

export interface DomainEvent<P = unknown> {
  type: string;
  aggregateId: string;
  payload: P;
}

/** Events are written with the state change they describe (transactional outbox). */
export interface EventLog {
  append(events: DomainEvent[]): Promise<void>;
  /** Published events of this aggregate leave the outbox (unpublished ones must still go out). */
  erasePublished(aggregateId: string): Promise<void>;
}

export function userRegistered(user: User): DomainEvent<PayloadOf<typeof UserRegistered>> {
  return {
    type: UserRegistered.type,
    aggregateId: user.id,
    payload: { userId: user.id, email: user.email, name: user.name },
  };
}

export function userDeleted(userId: string): DomainEvent<PayloadOf<typeof UserDeleted>> {
  return { type: UserDeleted.type, aggregateId: userId, payload: { userId } };
}

export type SessionEndReason = PayloadOf<typeof UserSessionsRevoked>['reason'];

/** These sessions ended: every service refuses their access tokens from now on. */
export function sessionsRevoked(
  userId: string,
  sessionIds: string[],
  reason: SessionEndReason,
  at: Date,
): DomainEvent<PayloadOf<typeof UserSessionsRevoked>> {
  return {
    type: UserSessionsRevoked.type,
    aggregateId: userId,
    payload: { userId, sessionIds, reason, revokedAt: at.toISOString() },
  };
}
