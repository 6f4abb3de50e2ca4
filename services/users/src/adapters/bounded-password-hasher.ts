import { PasswordCheckBusy } from '../domain/errors.js';
import type { HashingWork, PasswordHasher } from '../domain/passwords.js';

export interface HashingBounds {
  /** Hashes and verifications running at once in the process (each holds a libuv thread). */
  atOnce: number;
  /** Of those, how many `account` work may hold: the rest is kept for sign-ins. */
  accountAtOnce: number;
  /** How many of each kind may wait for a slot; one more is refused at once. */
  waiting: Record<HashingWork, number>;
  /** The longest a request waits for a slot before it is refused. */
  maxWaitMs: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

const RETRY_AFTER_SECONDS = 1;

/**
 * Bounds the argon2 work of the process, so that one client cannot make every sign-in slow: at
 * most `atOnce` run; registrations, re-authentications and new passwords take at most
 * `accountAtOnce` of them, so sign-ins always have a slot of their own and go first when one
 * frees up. Each kind waits in a short queue of its own; a full queue, or a wait longer than
 * `maxWaitMs`, is a 503 with Retry-After (PasswordCheckBusy) instead of a pile of waiting requests.
 */
export function boundedPasswordHasher(inner: PasswordHasher, bounds: HashingBounds): PasswordHasher {
  const running: Record<HashingWork, number> = { login: 0, account: 0 };
  const queues: Record<HashingWork, Waiter[]> = { login: [], account: [] };

  const mayStart = (work: HashingWork) =>
    running.login + running.account < bounds.atOnce &&
    (work === 'login' || running.account < bounds.accountAtOnce);

  // Sign-ins first, then account work if it is still under its share.
  const startNext = () => {
    for (const work of ['login', 'account'] as const) {
      while (queues[work].length > 0 && mayStart(work)) {
        const waiter = queues[work].shift()!;
        clearTimeout(waiter.timer);
        running[work]++;
        waiter.start();
      }
    }
  };

  const busy = (why: string) =>
    new PasswordCheckBusy({
      detail: `${why}; try again in ${RETRY_AFTER_SECONDS} second.`,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });

  const acquire = (work: HashingWork): Promise<void> => {
    if (queues[work].length === 0 && mayStart(work)) {
      running[work]++;
      return Promise.resolve();
    }
    if (queues[work].length >= bounds.waiting[work])
      return Promise.reject(busy('Too many password checks are waiting'));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          queues[work].splice(queues[work].indexOf(waiter), 1);
          reject(busy('A password check waited too long'));
        }, bounds.maxWaitMs),
      };
      queues[work].push(waiter);
    });
  };

  const bounded = async <T>(work: HashingWork, task: () => Promise<T>): Promise<T> => {
    await acquire(work);
    try {
      return await task();
    } finally {
      running[work]--;
      startNext();
    }
  };

  return {
    hash: (password, work = 'account') => bounded(work, () => inner.hash(password, work)),
    verify: (hash, password, work = 'account') => bounded(work, () => inner.verify(hash, password, work)),
    needsRehash: (hash) => inner.needsRehash(hash),
  };
}
