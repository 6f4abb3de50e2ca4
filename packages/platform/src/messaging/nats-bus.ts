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
import type { Log as Logger } from '../logger.js';
import type { Bus, ConsumeOptions, DeadLetter, EventHandler, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';

export interface NatsBusOptions {
  /**
   * `nats://[user:pass@]host:port[,host:port…][?replicas=3&retryLimit=5&ackWaitSeconds=30]`: credentials,
   * the stream replica count and the delivery settings below ride in the URL (BUS_URL).
   */
  servers: string;
  log: Logger;
  /** Deliveries of one event before it is dead-lettered. */
  retryLimit?: number;
  /**
   * A delivery still unacknowledged after this long (its consumer died mid-handler) is handed out
   * again. Default 30; keep it above the slowest handler.
   */
  ackWaitSeconds?: number;
}

const EVENTS_STREAM = 'SHOP_EVENTS';
const DEAD_STREAM = 'SHOP_DEAD_LETTERS';
const SECOND_NS = 1_000_000_000;
/** Durable names and subject tokens allow no dots or wildcards. */
const token = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');
const eventSubject = (type: string) => `events.${type}`;
/**
 * The service a subscription belongs to (subscriptions are named `<service>.<what>`): replays and
 * dead letters sit under its name, so NATS permissions can give each service its own subjects
 * (`replay.users.>`, `dead.users.>`) as they give it its own events (`events.user.>`).
 */
const owner = (subscription: string) => token(subscription.split('.', 1)[0]!);
/** Replays are addressed to one subscription only, so other consumers never see them again. */
const replaySubject = (subscription: string, type: string) =>
  `replay.${owner(subscription)}.${token(subscription)}.${type}`;
const deadSubject = (subscription: string) => `dead.${owner(subscription)}.${token(subscription)}`;

interface DeadRecord {
  subscription: string;
  event: EventEnvelope;
  error: string;
  failedAt: string;
}

/**
 * The scale-out bus: NATS JetStream. One stream keeps every event (`events.<type>`);
 * a subscription is a set of durable pull consumers, one per event type (a single
 * filter subject works on every JetStream version) plus one for its replays, so
 * events published while a consumer is down wait for it. The event id is the
 * JetStream message id, which deduplicates a republished event within the stream's
 * window. After `retryLimit` failed deliveries an event goes to the dead-letter stream; so does
 * one whose consumers kept dying before they could answer (JetStream itself would stop
 * delivering it at max_deliver and keep no trace, so the consumers have no max_deliver and
 * count deliveries themselves).
 */
export class NatsBus implements Bus {
  private connection: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly codec = JSONCodec<unknown>();
  private replicas = 1;
  private retryLimit = 5;
  private ackWaitSeconds = 30;

  constructor(private readonly options: NatsBusOptions) {}

  async start(): Promise<void> {
    if (this.connection) return;
    const { servers, user, pass, replicas, retryLimit, ackWaitSeconds } = parseNatsUrl(this.options.servers);
    this.replicas = replicas;
    this.retryLimit = this.options.retryLimit ?? retryLimit ?? 5;
    this.ackWaitSeconds = this.options.ackWaitSeconds ?? ackWaitSeconds ?? 30;
    this.connection = await connect({
      servers,
      ...(user ? { user, pass } : {}),
      name: 'shop',
      maxReconnectAttempts: -1,
    });
    this.jsm = await this.connection.jetstreamManager();
    this.js = this.connection.jetstream();
    await this.ensureStream(EVENTS_STREAM, ['events.>', 'replay.>']);
    await this.ensureStream(DEAD_STREAM, ['dead.>']);
  }

  async declare(subscription: Subscription): Promise<void> {
    for (const { name, filter } of consumersOf(subscription)) await this.ensureConsumer(name, filter);
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
    for (const { name } of consumersOf(subscription)) {
      const consumer = await this.client().consumers.get(EVENTS_STREAM, name);
      const messages = await consumer.consume({ max_messages: options.concurrency ?? 2 });
      this.running.push(messages);
      this.loops.push(this.handle(subscription, messages, handler));
    }
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

  private async handle(
    subscription: Subscription,
    messages: ConsumerMessages,
    handler: EventHandler,
  ): Promise<void> {
    const maxDeliver = this.retryLimit + 1;
    for await (const message of messages) {
      const event = this.codec.decode(message.data) as EventEnvelope;
      // The subject is what NATS let the sender publish: the event inside must be of that type.
      if (
        message.subject !== eventSubject(event.type) &&
        message.subject !== replaySubject(subscription.name, event.type)
      ) {
        const reason = `an event of type ${String(event.type)} arrived on ${message.subject}`;
        this.options.log.error({ subscription: subscription.name, eventId: event.id }, reason);
        await this.deadLetter(subscription, event, reason);
        message.term(reason);
        continue;
      }
      const deliveries = message.info.redeliveryCount;
      if (deliveries > maxDeliver) {
        // Handed out maxDeliver times and never answered: whatever handles it dies first.
        const reason = `delivered ${deliveries - 1} times without an acknowledgement (its consumer stopped mid-handler)`;
        this.options.log.error({ subscription: subscription.name, eventId: event.id }, reason);
        await this.deadLetter(subscription, event, reason);
        message.term(reason);
        continue;
      }
      try {
        await handler(event);
        message.ack();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.options.log.warn(
          { err: error, subscription: subscription.name, eventId: event.id },
          'event handler failed',
        );
        if (deliveries >= maxDeliver) {
          await this.deadLetter(subscription, event, reason);
          message.term(reason);
        } else {
          message.nak(Math.min(30_000, 1000 * 2 ** (deliveries - 1)));
        }
      }
    }
  }

  private async deadLetter(subscription: Subscription, event: EventEnvelope, error: string): Promise<void> {
    const record: DeadRecord = {
      subscription: subscription.name,
      event,
      error,
      failedAt: new Date().toISOString(),
    };
    await this.client().publish(deadSubject(subscription.name), this.codec.encode(record));
  }

  private async ensureConsumer(name: string, filter: string): Promise<void> {
    const jsm = this.manager();
    // No max_deliver: JetStream would drop an event at that count without a trace (see handle()).
    const settings = { ack_wait: this.ackWaitSeconds * SECOND_NS, max_deliver: -1 };
    const existing = await jsm.consumers.info(EVENTS_STREAM, name).catch(() => undefined);
    if (existing) {
      const { ack_wait, max_deliver, filter_subject } = existing.config;
      if (ack_wait !== settings.ack_wait || max_deliver !== settings.max_deliver || filter_subject !== filter)
        await jsm.consumers.update(EVENTS_STREAM, name, { ...settings, filter_subject: filter });
      return;
    }
    await jsm.consumers.add(EVENTS_STREAM, {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filter,
      ...settings,
    });
  }

  private async ensureStream(name: string, subjects: string[]): Promise<void> {
    const jsm = this.manager();
    const exists = await jsm.streams.info(name).then(
      () => true,
      () => false,
    );
    if (exists) return;
    await jsm.streams.add({
      name,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: this.replicas,
      max_age: 7 * 24 * 3600 * SECOND_NS,
      duplicate_window: 10 * 60 * SECOND_NS,
    });
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

function consumersOf(subscription: Subscription): { name: string; filter: string }[] {
  const base = token(subscription.name);
  return [
    ...subscription.events.map((type) => ({ name: `${base}__${token(type)}`, filter: eventSubject(type) })),
    { name: `${base}__replay`, filter: `replay.${owner(subscription.name)}.${base}.>` },
  ];
}

/** nats.js does not read credentials from a URL; take them (and our replicas option) out of it. */
function parseNatsUrl(value: string): {
  servers: string[];
  user?: string;
  pass?: string;
  replicas: number;
  retryLimit?: number;
  ackWaitSeconds?: number;
} {
  const urls = value.split(',').map((part) => new URL(part.includes('://') ? part : `nats://${part}`));
  const first = urls[0]!;
  const replicas = Number(first.searchParams.get('replicas') ?? 1);
  const whole = (name: string, min: number, max: number) => {
    const given = first.searchParams.get(name);
    const number = Number(given);
    return given !== null && Number.isInteger(number) && number >= min && number <= max ? number : undefined;
  };
  return {
    servers: urls.map((url) => `${url.protocol}//${url.host}`),
    ...(first.username
      ? { user: decodeURIComponent(first.username), pass: decodeURIComponent(first.password) }
      : {}),
    replicas: Number.isInteger(replicas) && replicas >= 1 && replicas <= 5 ? replicas : 1,
    ...(whole('retryLimit', 0, 100) === undefined ? {} : { retryLimit: whole('retryLimit', 0, 100) }),
    ...(whole('ackWaitSeconds', 1, 3600) === undefined
      ? {}
      : { ackWaitSeconds: whole('ackWaitSeconds', 1, 3600) }),
  };
}
