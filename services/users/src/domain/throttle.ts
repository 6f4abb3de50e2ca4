import { TooManyAttempts } from './errors.js';

/** Attempt counters shared by every replica. */
export interface ThrottleStore {
  /** Counts one attempt; answers the count in the current window and the seconds left in it. */
  hit(key: string, windowSeconds: number): Promise<{ hits: number; resetsInSeconds: number }>;
  /** Takes back one attempt (it turned out fine). */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/**
 * Counts an attempt against each limit in order and refuses the first one exceeded;
 * later limits are then not counted, so an address that is already blocked cannot
 * use up an account's budget. The attempt is counted before the work is done, so a
 * burst of parallel requests cannot slip past the limit.
 */
export async function countAttempt(store: ThrottleStore, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    const { hits, resetsInSeconds } = await store.hit(limit.key, limit.windowSeconds);
    if (hits > limit.max) {
      throw new TooManyAttempts({
        detail: `Too many attempts; try again in ${Math.ceil(resetsInSeconds)} seconds.`,
        retryAfterSeconds: resetsInSeconds,
      });
    }
  }
}

/** Like countAttempt, but answers false instead of refusing (for limits that must stay silent). */
export async function withinLimit(store: ThrottleStore, limit: Limit): Promise<boolean> {
  const { hits } = await store.hit(limit.key, limit.windowSeconds);
  return hits <= limit.max;
}
