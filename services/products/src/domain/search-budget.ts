import { LRUCache } from 'lru-cache';
import { CostlySearchesInFlight, CostlySearchRateLimited, SearchBusy } from './errors.js';

/**
 * Rations costly searches (see search-cost.ts) so that no client can make the database slow for
 * everyone: per client (its address, or its IPv6 /64), a few at a time and a budget per minute;
 * for the whole process, a few at a time however many clients ask, so product pages and cheap
 * listings always find a free database connection. A search past a client's limit is refused at
 * once (429); one that finds the process full waits a bounded time for a turn, then is refused
 * (503). Both say when to try again (Retry-After).
 *
 * Counts live in this replica's memory, on purpose (the process cap protects this replica's own
 * database pool, and a shared store would add a round trip to every listing): with N replicas a
 * client may run up to N times its share, and the process cap holds per replica.
 */
export interface SearchBudgetLimits {
  /** Costly searches one client may have in flight (running or waiting for a turn). */
  perClientConcurrent: number;
  /** Costly searches one client may start per minute (all at once, then one per 60/n seconds). */
  perClientPerMinute: number;
  /** Costly searches this process runs at once. */
  processConcurrent: number;
  /** How long a search waits for one of the process's turns. */
  waitMs: number;
  /** How many may wait for a turn; beyond that a search is refused at once. */
  maxWaiting: number;
  /** Clients remembered at once; the least recent are forgotten (a full bucket again). */
  maxClients?: number;
}

/** Ends a costly search's turn; calling it twice changes nothing. */
export type Release = () => void;

export interface SearchBudget {
  /** Waits for a turn for one costly search by `client`, or throws a 429 or 503 error. */
  admit(client: string): Promise<Release>;
}

const MINUTE_MS = 60_000;

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

export function searchBudget(limits: SearchBudgetLimits, now: () => number = Date.now): SearchBudget {
  // Each client's budget as a theoretical arrival time (GCRA): every search moves it on by its
  // share of the minute, and a search is admitted while it is less than a minute ahead of now.
  const share = MINUTE_MS / limits.perClientPerMinute;
  const burst = MINUTE_MS - share;
  // An entry is at most a minute ahead when written: forgotten after a minute, it is "now" again.
  const budgets = new LRUCache<string, number>({ max: limits.maxClients ?? 100_000, ttl: MINUTE_MS });
  const inFlight = new Map<string, number>();
  const waiting: Waiter[] = [];
  let running = 0;

  /** Spends one search of the client's budget: 0, or the seconds until one is there. */
  function spend(client: string): number {
    const at = now();
    const arrival = Math.max(budgets.get(client) ?? at, at);
    const early = arrival - burst - at;
    if (early > 0) return Math.ceil(early / 1000);
    budgets.set(client, arrival + share);
    return 0;
  }

  function leave(client: string) {
    const count = (inFlight.get(client) ?? 1) - 1;
    if (count > 0) inFlight.set(client, count);
    else inFlight.delete(client);
  }

  /** A turn in the process: at once when one is free, else after the searches ahead of it. */
  function turn(): Promise<void> {
    if (running < limits.processConcurrent) {
      running += 1;
      return Promise.resolve();
    }
    if (waiting.length >= limits.maxWaiting) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        // The finishing search hands its turn over: `running` stays as it is.
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(busy());
        }, limits.waitMs),
      };
      waiting.push(waiter);
    });
  }

  function endTurn() {
    const next = waiting.shift();
    if (next) next.grant();
    else running -= 1;
  }

  function busy() {
    return new SearchBusy({
      detail: `${limits.processConcurrent} costly searches are already running here; try again shortly.`,
      retryAfterSeconds: 1,
    });
  }

  return {
    async admit(client) {
      const mine = inFlight.get(client) ?? 0;
      if (mine >= limits.perClientConcurrent) {
        throw new CostlySearchesInFlight({
          detail:
            `You already have ${mine} searches with text, brand, attribute or combined filters running; ` +
            `at most ${limits.perClientConcurrent} at once. Wait for them to finish.`,
          retryAfterSeconds: 1,
          extensions: { limit: limits.perClientConcurrent },
        });
      }
      const wait = spend(client);
      if (wait > 0) {
        throw new CostlySearchRateLimited({
          detail:
            `You have used your ${limits.perClientPerMinute} searches with text, brand, attribute or ` +
            `combined filters for this minute; one more is possible in ${wait} s. Browsing a ` +
            'category or the whole catalog is not counted.',
          retryAfterSeconds: wait,
          extensions: { limit: limits.perClientPerMinute, windowSeconds: 60 },
        });
      }
      inFlight.set(client, mine + 1);
      try {
        await turn();
      } catch (error) {
        leave(client);
        throw error;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        leave(client);
        endTurn();
      };
    },
  };
}
