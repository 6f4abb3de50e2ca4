import {
  AckPolicy,
  DeliverPolicy,
  JSONCodec,
  RetentionPolicy,
  StorageType,
  connect,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import type { Logger } from 'pino';
import type { Bus, ConsumeOptions, DeadLetter, EventHandler, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

export interface NatsBusOptions {
  servers: string;
  log: Logger;
  /** Deliveries of one event before it is dead-lettered. */
  retryLimit?: number;
}

const EVENTS_STREAM = 'SHOP_EVENTS';
const DEAD_STREAM = 'SHOP_DEAD_LETTERS';
const eventSubject = (type: string) => `events.${type}`;
/** Replays are addressed to one subscription only, so other consumers never see them. */
const replaySubject = (subscription: string, type: string) => `replay.${durable(subscription)}.${type}`;
const deadSubject = (subscription: string) => `dead.${durable(subscription)}`;
const durable = (subscription: string) => subscription.replace(/[^A-Za-z0-9_-]/g, '_');

interface DeadRecord {
  subscription: string;
  event: EventEnvelope;
  error: string;
  failedAt: string;
}

/**
 * The scale-out bus: NATS JetStream. One stream keeps every event (`events.<type>`);
 * each subscription is a durable pull consumer filtered to its event types, so
 * events published while a consumer is down wait for it. The event id is the
 * JetStream message id, which deduplicates republished events within the stream's
 * window. After `retryLimit` failed deliveries an event goes to the dead-letter stream.
 */
export class NatsBus implements Bus {
  private connection: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly codec = JSONCodec<unknown>();

  constructor(private readonly options: NatsBusOptions) {}

  async start(): Promise<void> {
    if (this.connection) return;
    this.connection = await connect({
      servers: this.options.servers,
      name: 'shop',
      maxReconnectAttempts: -1,
    });
    this.jsm = await this.connection.jetstreamManager();
    this.js = this.connection.jetstream();
    await this.ensureStream(EVENTS_STREAM, ['events.>', 'replay.>']);
    await this.ensureStream(DEAD_STREAM, ['dead.>']);
  }

  async declare(subscription: Subscription): Promise<void> {
    const jsm = this.manager();
    const filters = [
      ...subscription.events.map(eventSubject),
      ...subscription.events.map((type) => replaySubject(subscription.name, type)),
    ];
    const config = {
      durable_name: durable(subscription.name),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subjects: filters,
      ack_wait: 60_000_000_000, // ns
      max_deliver: (this.options.retryLimit ?? 5) + 1,
      backoff: [1, 2, 4, 8, 16].map((s) => s * 1_000_000_000),
    };
    try {
      await jsm.consumers.info(EVENTS_STREAM, config.durable_name);
      await jsm.consumers.update(EVENTS_STREAM, config.durable_name, { filter_subjects: filters });
    } catch {
      await jsm.consumers.add(EVENTS_STREAM, config);
    }
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    const js = this.client();
    for (const event of events) {
      await js.publish(eventSubject(event.type), this.codec.encode(event), { msgID: event.id });
    }
  }

  async consume(
    subscription: Subscription,
    handler: EventHandler,
    options: ConsumeOptions = {},
  ): Promise<void> {
    await this.declare(subscription);
    const consumer = await this.client().consumers.get(EVENTS_STREAM, durable(subscription.name));
    const messages = await consumer.consume({ max_messages: options.concurrency ?? 2 });
    this.running.push(messages);
    const maxDeliver = (this.options.retryLimit ?? 5) + 1;
    this.loops.push(
      (async () => {
        for await (const message of messages) {
          const event = this.codec.decode(message.data) as EventEnvelope;
          try {
            await handler(event);
            message.ack();
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.options.log.warn(
              { err: error, subscription: subscription.name, eventId: event.id },
              'event handler failed',
            );
            if (message.info.redeliveryCount >= maxDeliver) {
              const record: DeadRecord = {
                subscription: subscription.name,
                event,
                error: reason,
                failedAt: new Date().toISOString(),
              };
              await this.client().publish(deadSubject(subscription.name), this.codec.encode(record));
              message.term(reason);
            } else {
              message.nak(Math.min(30_000, 1000 * 2 ** (message.info.redeliveryCount - 1)));
            }
          }
        }
      })(),
    );
  }

  async deadLetters(subscriptionNames: string[]): Promise<DeadLetter[]> {
    const jsm = this.manager();
    const info = await jsm.streams.info(DEAD_STREAM);
    const wanted = new Set(subscriptionNames.map(deadSubject));
    const letters: DeadLetter[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && letters.length < 500; seq++) {
      const message = await jsm.streams.getMessage(DEAD_STREAM, { seq }).catch(() => undefined);
      if (!message || !wanted.has(message.subject)) continue;
      const record = this.codec.decode(message.data) as DeadRecord;
      letters.push({
        id: String(seq),
        subscription: record.subscription,
        event: record.event,
        failedAt: record.failedAt,
        error: record.error,
      });
    }
    return letters;
  }

  async replayDeadLetter(subscription: string, id: string): Promise<boolean> {
    const jsm = this.manager();
    const seq = Number(id);
    if (!Number.isSafeInteger(seq)) return false;
    const message = await jsm.streams.getMessage(DEAD_STREAM, { seq }).catch(() => undefined);
    if (!message || message.subject !== deadSubject(subscription)) return false;
    const record = this.codec.decode(message.data) as DeadRecord;
    await this.client().publish(
      replaySubject(subscription, record.event.type),
      this.codec.encode(record.event),
    );
    await jsm.streams.deleteMessage(DEAD_STREAM, seq);
    return true;
  }

  async ping(): Promise<void> {
    if (!this.connection || this.connection.isClosed()) throw new Error('not connected to NATS');
    await this.connection.flush();
  }

  async stop(): Promise<void> {
    for (const messages of this.running) await messages.close();
    await Promise.allSettled(this.loops);
    await this.connection?.drain();
    this.connection = undefined;
  }

  private async ensureStream(name: string, subjects: string[]): Promise<void> {
    const jsm = this.manager();
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add({
        name,
        subjects,
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: 7 * 24 * 3600 * 1_000_000_000,
        duplicate_window: 10 * 60 * 1_000_000_000,
      });
    }
  }

  private client(): JetStreamClient {
    if (!this.js) throw new Error('the NATS bus is not started');
    return this.js;
  }

  private manager(): JetStreamManager {
    if (!this.jsm) throw new Error('the NATS bus is not started');
    return this.jsm;
  }
}
