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
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { options } = this;
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.name,
    });
    client.on('notification', (message) => options.onNotification(message.payload ?? ''));
    client.on('error', (error) => {
      const wasListening = this.client === client;
      if (wasListening) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      options.log.warn(
        { err: error },
        `${options.name} lost its connection; ${options.whileLost} until it is back`,
      );
      if (wasListening) options.onLost?.();
      this.retryLater();
    });
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
    options.onListening?.();
  }

  private retryLater(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.options.retryMs);
    this.retry.unref();
  }
}
