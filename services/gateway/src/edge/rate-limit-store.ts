import type { Config } from '../config.js';
import { FixedWindowLimiter } from './rate-limit.js';

/** The per-client budgets: `general` for every counted route, the others where a route asks for them. */
export type BudgetName = 'general' | 'auth' | 'webhook';
export type BudgetMaxima = Readonly<Record<BudgetName, number>>;

/** Every budget lasts one fixed window of this length. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Where the counts of every budget live. `hit` counts one request of `client` and answers 0 when
 * it may go on, else the seconds until it may again (at least 1). It never throws or rejects.
 * The in-memory store answers a plain number, so the gateway's hot path allocates no promise;
 * only a store that has to ask another process answers a promise.
 */
export interface RateLimitStore {
  hit(budget: BudgetName, client: string): number | Promise<number>;
  close(): Promise<void>;
}

export function budgetMaxima(config: Config): BudgetMaxima {
  return {
    general: config.RATE_LIMIT_PER_MINUTE,
    auth: config.AUTH_RATE_LIMIT_PER_MINUTE,
    webhook: config.WEBHOOK_RATE_LIMIT_PER_MINUTE,
  };
}

/** The counts in this replica's memory: the embedded default, and the Redis store's fallback. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly limiters: Readonly<Record<BudgetName, FixedWindowLimiter>>;

  constructor(maxima: BudgetMaxima, maxClients: number, windowMs = RATE_LIMIT_WINDOW_MS) {
    this.limiters = {
      general: new FixedWindowLimiter(maxima.general, windowMs, maxClients),
      auth: new FixedWindowLimiter(maxima.auth, windowMs, maxClients),
      webhook: new FixedWindowLimiter(maxima.webhook, windowMs, maxClients),
    };
  }

  hit(budget: BudgetName, client: string): number {
    return this.limiters[budget].hit(client);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
