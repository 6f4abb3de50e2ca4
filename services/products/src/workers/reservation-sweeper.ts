import { PeriodicTask, type Log } from '@shop/platform';
import type { ReservationDesk } from '../domain/reservation-desk.js';

const BATCH = 100;

/**
 * Releases holds past their expiry, on a timer. Every replica runs one: batches are
 * claimed with SKIP LOCKED, so replicas share the work instead of fighting over it.
 */
export class ReservationSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly reservations: ReservationDesk,
    options: { intervalMs: number; log: Log },
  ) {
    this.task = new PeriodicTask({
      name: 'reservation sweep',
      intervalMs: options.intervalMs,
      log: options.log,
      run: async () => {
        const released = await this.sweep();
        if (released > 0) options.log.info({ released }, 'expired reservations released');
      },
    });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One sweep: batches until no overdue hold is left (one batch when called while stopped). */
  async sweep(): Promise<number> {
    let released = 0;
    for (;;) {
      const count = await this.reservations.expireOverdue(BATCH);
      released += count;
      if (count < BATCH || !this.task.active) return released;
    }
  }
}
