import { TooManyAttempts } from './errors.js';

/** Attempt counters shared by every replica. */
export interface ThrottleStore {
  /** Counts one attempt; answers the count in the current window and the seconds left in it. */
  hit(key: string, windowSeconds: number): Promise<{ hits: number; resetsInSeconds: number }>;
  /**
   * Counts one attempt unless the key is waiting out a delay. Past `free` attempts in the window,
   * each counted attempt makes the next one wait: 1 s, 2 s, 4 s, … up to `maxDelaySeconds`.
   * Answers whether this attempt may go on and, if not, how long until one may.
   */
  hitSpaced(
    key: string,
    windowSeconds: number,
    free: number,
    maxDelaySeconds: number,
  ): Promise<{ allowed: boolean; waitSeconds: number }>;
  /** Takes back one attempt (it turned out fine). */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  /** Clears every counter whose key starts with `prefix`. */
  clearStartingWith(prefix: string): Promise<void>;
}

/**
 * A budget of attempts in a fixed window. With `spaced`, `max` attempts are free and later ones
 * are spaced out by a growing delay rather than refused until the window ends.
 */
export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
  spaced?: { maxDelaySeconds: number };
}

/**
 * Counts an attempt against each limit in order and refuses the first one exceeded;
 * later limits are then not counted, so an address that is already blocked cannot
 * use up an account's budget. The attempt is counted before the work is done, so a
 * burst of parallel requests cannot slip past the limit.
 */
export async function countAttempt(store: ThrottleStore, limits: Limit[], hint = ''): Promise<void> {
  for (const limit of limits) {
    if (limit.spaced) {
      const { allowed, waitSeconds } = await store.hitSpaced(
        limit.key,
        limit.windowSeconds,
        limit.max,
        limit.spaced.maxDelaySeconds,
      );
      if (!allowed) throw tooMany(waitSeconds, hint);
      continue;
    }
    const { hits, resetsInSeconds } = await store.hit(limit.key, limit.windowSeconds);
    if (hits > limit.max) throw tooMany(resetsInSeconds, hint);
  }
}

/** Like countAttempt, but answers false instead of refusing (for limits that must stay silent). */
export async function withinLimit(store: ThrottleStore, limit: Limit): Promise<boolean> {
  const { hits } = await store.hit(limit.key, limit.windowSeconds);
  return hits <= limit.max;
}

function tooMany(seconds: number, hint: string): TooManyAttempts {
  return new TooManyAttempts({
    detail: `Too many attempts; try again in ${Math.ceil(seconds)} seconds.${hint ? ` ${hint}` : ''}`,
    retryAfterSeconds: seconds,
  });
}
