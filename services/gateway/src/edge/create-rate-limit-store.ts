import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { budgetMaxima, MemoryRateLimitStore, type RateLimitStore } from './rate-limit-store.js';
import { RedisRateLimitStore } from './redis-rate-limit-store.js';

/** Redis when RATE_LIMIT_REDIS_URL is set (budgets shared by every replica), else this replica's memory. */
export function createRateLimitStore(config: Config, log: FastifyBaseLogger): RateLimitStore {
  const maxima = budgetMaxima(config);
  const memory = new MemoryRateLimitStore(maxima, config.RATE_LIMIT_MAX_CLIENTS);
  if (config.RATE_LIMIT_REDIS_URL === undefined) return memory;
  return new RedisRateLimitStore({
    url: config.RATE_LIMIT_REDIS_URL,
    keyPrefix: config.RATE_LIMIT_REDIS_PREFIX,
    commandTimeoutMs: config.RATE_LIMIT_REDIS_TIMEOUT_MS,
    maxima,
    fallback: memory,
    log,
  });
}
