export interface PeriodicTaskOptions {
  /** What the task does, for the warning logged when a run fails (`<name> failed`). */
  name: string;
  /** Time from the end of one run to the start of the next. */
  intervalMs: number;
  run: () => Promise<unknown>;
  log: { warn(details: object, message: string): void };
  /** Run at start() (work a crashed process left behind) instead of one interval later. */
  runAtStart?: boolean;
}

/**
 * Background work on a timer (sweepers, relays, recovery loops): one run at a time, the next
 * `intervalMs` after the last one ended. `wake()` runs it now, or once more right after the run
 * in progress, which may have missed what woke it. A failed run is logged and the timer goes on.
 * `stop()` waits for the run in progress; a long run ends early by checking `active`.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** Between start() and stop(). */
  get active(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.options.runAtStart) this.wake();
    else this.schedule();
  }

  /** Runs now, or right after the run in progress; ignored unless started. */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
  }

  /** Resolves when no run is in progress. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.idle();
  }

  private async runOnce(): Promise<void> {
    try {
      await this.options.run();
    } catch (error) {
      this.options.log.warn({ err: error }, `${this.options.name} failed`);
    }
  }

  private schedule(): void {
    if (!this.started) return;
    this.timer = setTimeout(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
  }
}
