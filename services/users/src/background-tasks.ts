import type { FastifyBaseLogger } from 'fastify';

/**
 * Work started after a response (a reset mail, removing old files). Tracked so that a
 * graceful stop waits for it; a failure is logged, never thrown at a caller who has gone.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: FastifyBaseLogger) {}

  run(what: string, task: () => Promise<void>): void {
    const promise = task()
      .catch((error: unknown) => this.log.warn({ err: error }, `background task failed: ${what}`))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
