import { PgListener, type Log } from '@shop/platform';
import type { ProductCache } from './product-cache.js';

/** The channel migration 008's triggers announce changed product ids on ('*': too many to name). */
export const PRODUCT_CHANGED_CHANNEL = 'product_changed';

/**
 * Hears every committed change to a product, its stock or its ratings, whichever replica made
 * it, and makes the cache forget those products; while it cannot hear, the cache is off.
 */
export function productChangeNotices(
  cache: ProductCache,
  options: { connectionString: string; log: Log; retryMs: number },
): PgListener {
  return new PgListener({
    ...options,
    channel: PRODUCT_CHANGED_CHANNEL,
    name: 'product change listener',
    whileLost: 'products are read from the database',
    onNotification: (payload) => (payload === '*' ? cache.forgetAll() : cache.forget(payload.split(','))),
    onListening: () => cache.setLive(true),
    onLost: () => cache.setLive(false),
  });
}
