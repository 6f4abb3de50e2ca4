import type { Clock } from '../../../src/domain/ports.js';

/** Time that moves only when a test says so (starting at the real now). */
export class FakeClock {
  private at = Date.now();

  readonly now: Clock = () => new Date(this.at);

  advance(seconds: number): void {
    this.at += seconds * 1000;
  }
}
