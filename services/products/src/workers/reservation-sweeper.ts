import type { FastifyBaseLogger } from 'fastify';
import type { ReservationDesk } from '../domain/reservation-desk.js';

const BATCH = 100;

/**
 * Releases holds past their expiry, on a timer. Every replica runs one: batches are
 * claimed with SKIP LOCKED, so replicas share the work instead of fighting over it.
 */
export class ReservationSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly reservations: ReservationDesk,
    private readonly options: { intervalMs: number; log: FastifyBaseLogger },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One sweep: batches until no overdue hold is left. */
  async sweep(): Promise<number> {
    let released = 0;
    for (;;) {
      const count = await this.reservations.expireOverdue(BATCH);
      released += count;
      if (count < BATCH || this.stopped) return released;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then((released) => {
          if (released > 0) this.options.log.info({ released }, 'expired reservations released');
        })
        .catch((error: unknown) =>
          this.options.log.warn({ err: error }, 'reservation sweep failed; retrying'),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }
}
