import pg from 'pg';
import { ORDER_CHANNEL } from '../data/order-repository.js';

type Listener = () => void;

/**
 * One LISTEN connection per process, fanned out to every live-tracking stream of this process.
 * Transitions NOTIFY in their own transaction, so a change made on any replica reaches the
 * streams of all of them at commit. A notification only says "look again": streams re-read the
 * history after the last entry they sent, so nothing is lost or sent twice. After a lost
 * connection every stream is told to look again, covering what was missed meanwhile.
 */
export class OrderStatusFeed {
  private client: pg.Client | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly log: { warn(details: object, message: string): void },
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  subscribe(orderId: string, listener: Listener): () => void {
    let set = this.listeners.get(orderId);
    if (!set) this.listeners.set(orderId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(orderId) === set) this.listeners.delete(orderId);
    };
  }

  get subscribers(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private notify(orderId: string): void {
    for (const listener of this.listeners.get(orderId) ?? []) listener();
  }

  private notifyAll(): void {
    for (const orderId of this.listeners.keys()) this.notify(orderId);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'order-feed' });
    client.on('notification', (message) => {
      if (message.payload) this.notify(message.payload);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'order status feed lost its connection; reconnecting');
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${ORDER_CHANNEL}`);
      this.client = client;
      this.notifyAll();
    } catch (error) {
      this.log.warn({ err: error }, 'order status feed could not connect; retrying');
      await client.end().catch(() => undefined);
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), 1000);
    this.retry.unref();
  }
}
