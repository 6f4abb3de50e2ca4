import { Redis, type Result } from 'ioredis';
import {
  RATE_LIMIT_WINDOW_MS,
  type BudgetMaxima,
  type BudgetName,
  type RateLimitStore,
} from './rate-limit-store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    shopRateLimitHit(key: string, max: number, windowMs: number): Result<number, Context>;
  }
}

/**
 * One round trip a request: counts, starts the window on a client's first request (the key
 * expires with it, so Redis holds only the clients of the current window) and answers 0 or the
 * seconds left in the window. The window is timed by Redis's clock, never a replica's, so replicas
 * whose clocks drift still share one window. A key found without expiry (written by hand) gets one.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count <= tonumber(ARGV[1]) then return 0 end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
return math.max(1, math.ceil(left / 1000))
`;

export interface StoreLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface RedisRateLimitStoreOptions {
  /** redis://[user:password@]host:port[/db] or rediss://… */
  url: string;
  /** Put before `<budget>:<client>` in every key; e.g. `shop:rl:`. */
  keyPrefix: string;
  maxima: BudgetMaxima;
  /** Counts the requests Redis cannot: this replica's own limiter. */
  fallback: RateLimitStore;
  log: StoreLog;
  windowMs?: number;
  /** How long a request may wait for Redis before it is counted by the fallback. */
  commandTimeoutMs?: number;
  /** After a failed or timed-out call, requests go to the fallback this long before Redis is tried again. */
  pauseAfterFailureMs?: number;
  /** At most one warning about Redis in this interval. */
  warnIntervalMs?: number;
}

/**
 * The budgets shared by every replica, in Redis. Redis down, unreachable or slow never fails a
 * request nor holds it: the request is counted by this replica's in-memory limiter instead, so
 * during an outage each replica enforces the budget on its own (still limited: a client may then
 * get up to N times it across N replicas, and in the window where Redis comes and goes, what Redis
 * counted plus a fresh budget per replica, N + 1 times at most). Chosen over failing closed, which would turn a Redis outage into a shop outage, and over
 * failing open, which would leave the shop unprotected exactly when something is already wrong.
 *
 * Failing fast: no offline queue (a command while disconnected fails at once, and is not even
 * sent: `hit` answers the fallback's number synchronously), no retries or resends after a
 * reconnect (the request was already counted by the fallback), and a short command timeout.
 * After a failure Redis is left alone for `pauseAfterFailureMs`, so a slow Redis costs the
 * requests of that moment one timeout, not every request one each. ioredis keeps reconnecting
 * in the background; once it is ready and answers, the shared budgets are used again. A warning
 * is logged at most once per `warnIntervalMs`, and one line when Redis is back.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  private readonly windowMs: number;
  private readonly pauseAfterFailureMs: number;
  private readonly warnIntervalMs: number;
  private pausedUntil = 0;
  private failing = false;
  private warnedAt = -Infinity;
  private lastError: unknown;
  private closed = false;

  constructor(private readonly options: RedisRateLimitStoreOptions) {
    this.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
    this.pauseAfterFailureMs = options.pauseAfterFailureMs ?? 1000;
    this.warnIntervalMs = options.warnIntervalMs ?? 30_000;
    this.redis = new Redis(options.url, {
      connectionName: 'shop-gateway-rate-limits',
      commandTimeout: options.commandTimeoutMs ?? 100,
      connectTimeout: 2000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Keep trying to come back, at most every 2 s.
      retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2000),
    });
    this.redis.defineCommand('shopRateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // Without a listener ioredis prints every failed reconnect; the warning below says it once.
    this.redis.on('error', (err: unknown) => {
      this.lastError = err;
    });
    this.redis.on('close', () => {
      this.lastError ??= new Error('The connection to Redis closed');
    });
  }

  hit(budget: BudgetName, client: string): number | Promise<number> {
    if (this.redis.status !== 'ready' || (this.pausedUntil !== 0 && Date.now() < this.pausedUntil)) {
      // Before the first connection attempt has ended there is nothing to warn about yet.
      if (this.lastError !== undefined && !this.closed) this.warn(this.lastError);
      return this.options.fallback.hit(budget, client);
    }
    const key = `${this.options.keyPrefix}${budget}:${client}`;
    return this.redis.shopRateLimitHit(key, this.options.maxima[budget], this.windowMs).then(
      (waitSeconds) => {
        if (typeof waitSeconds !== 'number') {
          return this.failed(new TypeError(`Redis answered ${String(waitSeconds)}`), budget, client);
        }
        if (this.failing) this.recovered();
        return waitSeconds;
      },
      (err: unknown) => this.failed(err, budget, client),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.redis.status === 'ready') {
      try {
        await this.redis.quit();
        return;
      } catch {
        // Gone or slow: drop the connection below.
      }
    }
    this.redis.disconnect();
  }

  private failed(err: unknown, budget: BudgetName, client: string): number | Promise<number> {
    this.pausedUntil = Date.now() + this.pauseAfterFailureMs;
    this.lastError = err;
    if (!this.closed) this.warn(err);
    return this.options.fallback.hit(budget, client);
  }

  private warn(err: unknown): void {
    this.failing = true;
    const now = Date.now();
    if (now - this.warnedAt < this.warnIntervalMs) return;
    this.warnedAt = now;
    this.options.log.warn(
      { err },
      "Redis of the shared rate limits does not answer: counting in this replica's memory until it does",
    );
  }

  private recovered(): void {
    this.failing = false;
    this.pausedUntil = 0;
    this.lastError = undefined;
    this.warnedAt = -Infinity;
    this.options.log.info({}, 'Redis of the shared rate limits answers again: budgets are shared again');
  }
}
