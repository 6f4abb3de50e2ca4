import type { EventEnvelope } from './envelope.js';

/** A durable, named subscription: one queue that receives every event of these types. */
export interface Subscription {
  /** Unique per consuming service and purpose, e.g. `products.order-events`. */
  name: string;
  events: string[];
}

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface ConsumeOptions {
  /** Events handled at once by this process. */
  concurrency?: number;
}

export interface DeadLetter {
  id: string;
  subscription: string;
  event: EventEnvelope;
  failedAt: string;
  error: string | undefined;
}

/**
 * The message bus behind one small interface: at-least-once delivery, a retry
 * budget per event, then a dead-letter store that admins can inspect and replay.
 * Adapters: PostgreSQL (pg-boss) for the embedded default, NATS JetStream for scale-out.
 */
export interface Bus {
  start(): Promise<void>;
  publish(events: EventEnvelope[]): Promise<void>;
  /** Makes the subscription durable (idempotent): events published from now on are kept for it. */
  declare(subscription: Subscription): Promise<void>;
  consume(subscription: Subscription, handler: EventHandler, options?: ConsumeOptions): Promise<void>;
  deadLetters(subscriptionNames: string[]): Promise<DeadLetter[]>;
  /** Sends a dead letter back to its subscription; false when it no longer exists. */
  replayDeadLetter(subscription: string, id: string): Promise<boolean>;
  ping(): Promise<void>;
  stop(): Promise<void>;
}
