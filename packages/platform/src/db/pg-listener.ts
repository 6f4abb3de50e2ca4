import pg from 'pg';
import type { Log } from '../logger.js';

export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity and in the log lines below. */
  name: string;
  log: Log;
  /** Wait before connecting again after the connection was refused or lost. */
  retryMs: number;
  /**
   * How often the connection is checked with a query (default 5 s). A connection that died
   * without a word (a network partition, a failover) would otherwise look like silence.
   */
  heartbeatMs?: number;
  onNotification(payload: string): void;
  /** LISTEN is in place (at start and after every reconnect). */
  onListening?(): void;
  /** The connection is gone: notifications sent from now on until onListening are missed. */
  onLost?(): void;
  /** What the service does meanwhile, for the log line ("relying on the sweep"). */
  whileLost: string;
}

/**
 * A dedicated connection that LISTENs on one channel and comes back by itself. NOTIFY is not
 * queued for a listener that is not connected, so callers learn when they may have missed some
 * (onLost) and when they hear everything again (onListening).
 */
export class PgListener {
  private client: pg.Client | undefined;
  private stopped = true;
  private retry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: PgListenerOptions) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { options } = this;
    const heartbeatMs = options.heartbeatMs ?? 5000;
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.name,
      // The heartbeat's query fails after this; a connect or LISTEN into silence must not hang either.
      connectionTimeoutMillis: 10_000,
      query_timeout: Math.max(2 * heartbeatMs, 1000),
    });
    client.on('notification', (message) => options.onNotification(message.payload ?? ''));
    client.on('error', (error) => this.lose(client, error));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      options.log.warn({ err: error }, `${options.name} could not connect; ${options.whileLost}`);
      this.retryLater();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => this.lose(client, error));
    }, heartbeatMs).unref();
    options.onListening?.();
  }

  private lose(client: pg.Client, error: unknown): void {
    client.end().catch(() => undefined);
    if (this.client !== client) return; // not (or no longer) the listening connection
    this.client = undefined;
    clearInterval(this.heartbeat);
    if (this.stopped) return;
    this.options.log.warn(
      { err: error },
      `${this.options.name} lost its connection; ${this.options.whileLost} until it is back`,
    );
    this.options.onLost?.();
    this.retryLater();
  }

  private retryLater(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.options.retryMs);
    this.retry.unref();
  }
}
