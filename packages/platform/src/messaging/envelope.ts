/**
 * The envelope every domain event travels in. `id` is unique per event and is what
 * consumers deduplicate on; `type` is versioned (`order.paid.v1`); `aggregateId`
 * names the thing that changed, so consumers can order or coalesce by it.
 */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  source: string;
  aggregateId: string;
  /** Monotonic per aggregate where the producer has a version; lets consumers ignore stale events. */
  aggregateVersion?: number;
  occurredAt: string;
  requestId?: string;
  traceparent?: string;
  payload: P;
}

/** What a producer hands to the outbox; the envelope is completed there. */
export interface NewEvent<P = unknown> {
  type: string;
  aggregateId: string;
  aggregateVersion?: number;
  payload: P;
}
