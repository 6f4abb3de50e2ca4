import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamInfo,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Log as Logger } from '../logger.js';
import type { Bus, ConsumeOptions, DeadLetter, EventHandler, Subscription } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { checkedPrefix, DEAD_STREAM, EVENTS_STREAM, namesOf, parseNatsUrl, token } from './nats-names.js';

export interface NatsBusOptions {
  /**
   * `nats://[user:pass@]host:port[,host:port…][?replicas=3&retryLimit=5&ackWaitSeconds=30&streamPrefix=…]`:
   * credentials, the stream replica count and the settings below ride in the URL (BUS_URL).
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
  /** Puts the streams and subjects of this stack apart from others on the same server (see below). */
  streamPrefix?: string;
}

const encoder = new TextEncoder();
const encode = (value: unknown) => encoder.encode(JSON.stringify(value));
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
 * events published while a consumer is down wait for it, and the replicas of a service
 * share them (each event goes to one replica at a time). The event id is the
 * JetStream message id, which deduplicates a republished event within the stream's
 * window. After `retryLimit` failed deliveries an event goes to the dead-letter stream; so does
 * one whose consumers kept dying before they could answer (JetStream itself would stop
 * delivering it at max_deliver and keep no trace, so the consumers have no max_deliver and
 * count deliveries themselves). Replicas starting together may all create the streams and
 * consumers: whoever loses the race finds them made and carries on.
 *
 * `streamPrefix` (option or URL parameter; letters, digits, `_` and `-`) gives a stack streams and
 * subjects of its own on a shared server: `<prefix>_SHOP_EVENTS` keeping `<prefix>.events.>` and
 * `<prefix>.replay.>`, `<prefix>_SHOP_DEAD_LETTERS` keeping `<prefix>.dead.>`. Tests and side-by-side
 * stacks use it; the deployments do not (their NATS permissions name the unprefixed subjects).
 */
export class NatsBus implements Bus {
  private connection: NatsConnection | undefined;
  private starting: Promise<void> | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private running: ConsumerMessages[] = [];
  private loops: Promise<void>[] = [];
  private names = namesOf(undefined);
  private replicas = 1;
  private retryLimit = 5;
  private ackWaitSeconds = 30;

  constructor(private readonly options: NatsBusOptions) {}

  async start(): Promise<void> {
    this.starting ??= this.open().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  async declare(subscription: Subscription): Promise<void> {
    for (const { name, filter } of this.consumersOf(subscription)) await this.ensureConsumer(name, filter);
  }

  async publish(events: EventEnvelope[]): Promise<void> {
    const js = this.client();
    for (const event of events) {
      await js.publish(this.names.event(event.type), encode(event), { msgID: event.id });
    }
  }

  async consume(
    subscription: Subscription,
    handler: EventHandler,
    options: ConsumeOptions = {},
  ): Promise<void> {
    await this.declare(subscription);
    for (const { name } of this.consumersOf(subscription)) {
      const consumer = await this.client().consumers.get(this.names.stream(EVENTS_STREAM), name);
      const messages = await consumer.consume({ max_messages: options.concurrency ?? 2 });
      this.running.push(messages);
      this.loops.push(this.handle(subscription, messages, handler));
    }
  }

  async deadLetters(subscriptionNames: string[]): Promise<DeadLetter[]> {
    const jsm = this.manager();
    const stream = this.names.stream(DEAD_STREAM);
    const info = await jsm.streams.info(stream);
    const wanted = new Set(subscriptionNames.map(this.names.dead));
    const letters: DeadLetter[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && letters.length < 500; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }); // null once replayed (deleted)
      if (!message || !wanted.has(message.subject)) continue;
      const record = message.json<DeadRecord>();
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
    const stream = this.names.stream(DEAD_STREAM);
    const seq = Number(id);
    if (!Number.isSafeInteger(seq) || seq < 1) return false;
    const message = await jsm.streams.getMessage(stream, { seq });
    if (!message || message.subject !== this.names.dead(subscription)) return false;
    const record = message.json<DeadRecord>();
    // One message id per dead letter: two replicas replaying the same letter send it once.
    await this.client().publish(this.names.replay(subscription, record.event.type), encode(record.event), {
      msgID: `replay/${stream}/${seq}/${record.event.id}`,
    });
    await jsm.streams.deleteMessage(stream, seq).catch(async (error: unknown) => {
      if (await jsm.streams.getMessage(stream, { seq })) throw error; // else the other replay deleted it
    });
    return true;
  }

  async ping(): Promise<void> {
    if (!this.connection || this.connection.isClosed()) throw new Error('not connected to NATS');
    await this.connection.flush();
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    for (const messages of this.running) await messages.close();
    await Promise.allSettled(this.loops);
    await this.connection?.drain();
    this.connection = this.js = this.jsm = this.starting = undefined;
    this.running = [];
    this.loops = [];
  }

  private async open(): Promise<void> {
    const parsed = parseNatsUrl(this.options.servers);
    this.replicas = parsed.replicas;
    this.retryLimit = this.options.retryLimit ?? parsed.retryLimit ?? 5;
    this.ackWaitSeconds = this.options.ackWaitSeconds ?? parsed.ackWaitSeconds ?? 30;
    this.names = namesOf(checkedPrefix(this.options.streamPrefix ?? parsed.streamPrefix));
    const { servers, user, pass } = parsed;
    const connection = await connect({ servers, user, pass, name: 'shop', maxReconnectAttempts: -1 });
    try {
      this.jsm = await jetstreamManager(connection);
      this.js = jetstream(connection);
      this.connection = connection;
      await this.ensureStream(EVENTS_STREAM, ['events.>', 'replay.>']);
      await this.ensureStream(DEAD_STREAM, ['dead.>']);
    } catch (error) {
      this.connection = this.js = this.jsm = undefined;
      await connection.close();
      throw error;
    }
  }

  private async handle(
    subscription: Subscription,
    messages: ConsumerMessages,
    handler: EventHandler,
  ): Promise<void> {
    for await (const message of messages) {
      try {
        await this.deliver(subscription, message, handler);
      } catch (error) {
        // Dead-lettering failed (NATS away): unanswered, the event comes back after ack_wait.
        this.options.log.error(
          { err: error, subscription: subscription.name, seq: message.seq },
          'could not settle an event; it will be delivered again',
        );
      }
    }
  }

  private async deliver(subscription: Subscription, message: JsMsg, handler: EventHandler): Promise<void> {
    const log = this.options.log;
    const event = decodeEvent(message);
    if (!event) {
      log.error({ subscription: subscription.name, subject: message.subject }, 'not an event; dropped');
      return this.terminate(message, 'not an event');
    }
    // The subject is what NATS let the sender publish: the event inside must be of that type.
    if (
      message.subject !== this.names.event(event.type) &&
      message.subject !== this.names.replay(subscription.name, event.type)
    ) {
      const reason = `an event of type ${String(event.type)} arrived on ${this.names.plain(message.subject)}`;
      log.error({ subscription: subscription.name, eventId: event.id }, reason);
      return this.deadLetter(subscription, message, event, reason);
    }
    const maxDeliver = this.retryLimit + 1;
    const deliveries = message.info.deliveryCount;
    if (deliveries > maxDeliver) {
      // Handed out maxDeliver times and never answered: whatever handles it dies first.
      const reason = `delivered ${deliveries - 1} times without an acknowledgement (its consumer stopped mid-handler)`;
      log.error({ subscription: subscription.name, eventId: event.id }, reason);
      return this.deadLetter(subscription, message, event, reason);
    }
    try {
      await handler(event);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ err: error, subscription: subscription.name, eventId: event.id }, 'event handler failed');
      if (deliveries >= maxDeliver) return this.deadLetter(subscription, message, event, reason);
      return message.nak(Math.min(30_000, 1000 * 2 ** (deliveries - 1)));
    }
    message.ack();
  }

  /** Stores the event for an admin, then tells JetStream never to deliver it to this consumer again. */
  private async deadLetter(
    subscription: Subscription,
    message: JsMsg,
    event: EventEnvelope,
    error: string,
  ): Promise<void> {
    const record: DeadRecord = {
      subscription: subscription.name,
      event,
      error,
      failedAt: new Date().toISOString(),
    };
    // One message id per delivered message: if the terminate is lost and it comes again, one letter.
    const { stream, consumer, streamSequence } = message.info;
    await this.client().publish(this.names.dead(subscription.name), encode(record), {
      msgID: `dead/${stream}/${consumer}/${streamSequence}`,
    });
    this.terminate(message, error);
  }

  private terminate(message: JsMsg, reason: string): void {
    // A server before 2.11 takes `+TERM <reason>` for no answer at all and delivers the message again.
    const [major = 0, minor = 0] = (this.connection?.info?.version ?? '').split('.').map(Number);
    if (major > 2 || (major === 2 && minor >= 11)) message.term(reason);
    else message.term();
  }

  private async ensureConsumer(name: string, filter: string): Promise<void> {
    const jsm = this.manager();
    const stream = this.names.stream(EVENTS_STREAM);
    // No max_deliver: JetStream would drop an event at that count without a trace (see deliver()).
    const settings = { ack_wait: nanos(this.ackWaitSeconds * 1000), max_deliver: -1, filter_subject: filter };
    let existing = await orMissing(jsm.consumers.info(stream, name), JetStreamApiCodes.ConsumerNotFound);
    if (!existing) {
      try {
        await jsm.consumers.add(stream, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ...settings,
        });
        return;
      } catch (error) {
        // Another replica created it between our look and our add ("already exists"): use theirs.
        existing = await orMissing(jsm.consumers.info(stream, name), JetStreamApiCodes.ConsumerNotFound);
        if (!existing) throw error;
      }
    }
    const { ack_wait, max_deliver, filter_subject } = existing.config;
    if (ack_wait !== settings.ack_wait || max_deliver !== settings.max_deliver || filter_subject !== filter)
      await jsm.consumers.update(stream, name, settings);
  }

  private async ensureStream(base: string, subjects: string[]): Promise<void> {
    const jsm = this.manager();
    const name = this.names.stream(base);
    const info = () => orMissing(jsm.streams.info(name), JetStreamApiCodes.StreamNotFound);
    if (await info()) return;
    try {
      await jsm.streams.add({
        name,
        subjects: subjects.map(this.names.at),
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        num_replicas: this.replicas,
        max_age: nanos(7 * 24 * 3600 * 1000),
        duplicate_window: nanos(10 * 60 * 1000),
      });
    } catch (error) {
      // Created meanwhile by another replica ("already in use") or by NACK: theirs is the one to use.
      if (!(await info())) throw error;
    }
  }

  private consumersOf(subscription: Subscription): { name: string; filter: string }[] {
    const base = token(subscription.name);
    return [
      ...subscription.events.map((type) => ({
        name: `${base}__${token(type)}`,
        filter: this.names.event(type),
      })),
      { name: `${base}__replay`, filter: this.names.replays(subscription.name) },
    ];
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

/** The stream or consumer, or undefined when JetStream answers that it does not exist. */
async function orMissing<T extends StreamInfo | ConsumerInfo>(
  request: Promise<T>,
  notFound: number,
): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === notFound) return undefined;
    throw error;
  }
}

function decodeEvent(message: JsMsg): EventEnvelope | undefined {
  try {
    const event = message.json<Partial<EventEnvelope> | null>();
    return typeof event?.id === 'string' && typeof event.type === 'string'
      ? (event as EventEnvelope)
      : undefined;
  } catch {
    return undefined;
  }
}
