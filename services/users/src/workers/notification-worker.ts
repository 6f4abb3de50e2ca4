import type { Log } from '@shop/platform';
import type { Deps } from '../domain/deps.js';
import { sendDueNotifications } from '../domain/notifications.js';

const BATCH = 20;

/**
 * Sends owed notification mails: woken when a consumer has committed new ones, and every
 * `intervalMs` anyway (retries that came due, rows a crashed replica left behind). One run at a
 * time per process; replicas share the work through the rows' leases.
 */
export class NotificationWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly deps: Deps,
    private readonly log: Log,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.intervalMs).unref();
    this.wake();
  }

  /** Runs now, or right after the current run (which may have missed what was just committed). */
  wake(): void {
    if (!this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      while (this.timer && (await sendDueNotifications(this.deps, BATCH)) === BATCH);
    } catch (error) {
      this.log.warn({ err: error }, 'sending notification mails failed; retrying later');
    }
  }
}
