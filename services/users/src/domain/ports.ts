/** What several use cases share: time, a log, work after the answer, and one transaction. */

export type Clock = () => Date;

export interface DomainLog {
  warn(details: object, message: string): void;
}

/** Work done after answering (tracked, so a graceful stop waits for it); failures are logged. */
export type Later = (what: string, task: () => Promise<void>) => void;

/**
 * Runs `work` in one transaction over the stores a use case names (`Stores` is the subset it
 * needs): all of its writes happen, or none.
 */
export interface UnitOfWork<Stores> {
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}

export function secondsFrom(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}
