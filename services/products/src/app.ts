import {
  createGuards,
  SessionRevocations,
  createServiceCore,
  createTokenVerifier,
  registerDeadLetterRoutes,
  type Bus,
  type TokenVerifier,
} from '@shop/platform';
import { categoryRoutes } from './api/category.routes.js';
import { internalRoutes } from './api/internal.routes.js';
import { inventoryRoutes } from './api/inventory.routes.js';
import { productRoutes } from './api/product.routes.js';
import { relatedRoutes } from './api/related.routes.js';
import { reviewRoutes } from './api/review.routes.js';
import { searchRoutes } from './api/search.routes.js';
import type { ProductsConfig } from './config.js';
import { productCatalog } from './domain/catalog.js';
import { categoryCatalog } from './domain/categories.js';
import { productSearch } from './domain/product-search.js';
import { relatedProducts } from './domain/related-products.js';
import { reservationDesk } from './domain/reservation-desk.js';
import { reviewBoard } from './domain/reviews.js';
import { searchBudget } from './domain/search-budget.js';
import { stockKeeping } from './domain/stock.js';
import { categoryRepository } from './data/category-repository.js';
import { ProductCache } from './data/product-cache.js';
import { productChangeNotices } from './data/product-change-notices.js';
import { productRepository } from './data/product-repository.js';
import { productSearchIndex } from './data/product-search-index.js';
import { relatedRepository } from './data/related-repository.js';
import { reservationRepository } from './data/reservation-repository.js';
import { reviewRepository } from './data/review-repository.js';
import { stockRepository } from './data/stock-repository.js';
import { purchaseEvents } from './messaging/purchase-events.consumer.js';
import { sessionRevocationEvents } from './messaging/session-revocations.consumer.js';
import { userDeletedEvents } from './messaging/user-deleted.consumer.js';
import { ReservationSweeper } from './workers/reservation-sweeper.js';

export interface ProductsDeps {
  /** Tests pass a verifier for their own issuer; otherwise the user service's JWKS is used. */
  verifier?: TokenVerifier;
  bus?: Bus;
}

/** The product service, built but not listening: tests inject() into `app`. */
export async function buildApp(config: ProductsConfig, deps: ProductsDeps = {}) {
  const core = await createServiceCore({
    service: 'products',
    config,
    bus: deps.bus,
    app: {
      openapi: {
        title: 'Products',
        description: 'Catalog, search, inventory with reservations, reviews and ratings.',
      },
    },
  });
  const { app, pool, outbox } = core;
  // Sessions ended in users (logout, password change, a disabled account) are refused here at once.
  const revocations = new SessionRevocations({
    pool,
    connectionString: config.DATABASE_URL,
    log: app.log,
  });
  const guards = createGuards(
    deps.verifier ?? createTokenVerifier({ jwks: config.JWKS_URL, issuer: config.JWT_ISSUER }),
    { service: 'products', isRevoked: (sessionId) => revocations.isRevoked(sessionId) },
  );
  const consumers = {
    purchases: purchaseEvents(pool),
    userErasure: userDeletedEvents(pool),
    sessionRevocations: sessionRevocationEvents(pool, revocations),
  };
  core.consume(...Object.values(consumers));

  // Product pages come from memory; every change to a product is forgotten as it commits.
  const cache = new ProductCache({
    maxProducts: config.PRODUCT_CACHE_SIZE,
    ttlMs: config.PRODUCT_CACHE_TTL_SECONDS * 1000,
  });
  const changeNotices = productChangeNotices(cache, {
    connectionString: config.DATABASE_URL,
    log: app.log,
    retryMs: config.OUTBOX_SWEEP_MS,
  });
  const catalog = productCatalog(productRepository(pool, outbox, cache));
  const reservations = reservationDesk(reservationRepository(pool, outbox, cache), {
    lowStockThreshold: config.LOW_STOCK_THRESHOLD,
    maxTtlSeconds: config.RESERVATION_MAX_TTL_SECONDS,
  });
  categoryRoutes(app, { categories: categoryCatalog(categoryRepository(pool)), guards });
  productRoutes(app, { catalog, guards });
  const search = productSearch(
    productSearchIndex(pool, { statementTimeoutMs: config.SEARCH_STATEMENT_TIMEOUT_MS }),
    searchBudget({
      perClientConcurrent: config.SEARCH_COSTLY_PER_CLIENT_CONCURRENT,
      perClientPerMinute: config.SEARCH_COSTLY_PER_CLIENT_PER_MINUTE,
      processConcurrent: config.SEARCH_COSTLY_MAX_CONCURRENT,
      waitMs: config.SEARCH_COSTLY_WAIT_MS,
      maxWaiting: config.SEARCH_COSTLY_MAX_WAITING,
    }),
  );
  searchRoutes(app, { search, guards });
  inventoryRoutes(app, {
    stock: stockKeeping(stockRepository(pool, outbox, cache), {
      lowStockThreshold: config.LOW_STOCK_THRESHOLD,
    }),
    guards,
  });
  reviewRoutes(app, { reviews: reviewBoard(reviewRepository(pool, outbox, cache)), guards });
  relatedRoutes(app, { related: relatedProducts(relatedRepository(pool)), guards });
  internalRoutes(app, { catalog, reservations, guards });
  registerDeadLetterRoutes(app, { bus: core.bus, subscriptions: core.subscriptions, guards });

  const sweeper = new ReservationSweeper(reservations, {
    intervalMs: config.RESERVATION_SWEEP_MS,
    log: app.log,
  });

  return {
    app,
    pool,
    sweeper,
    cache,
    /** Started by start(); tests that never start the bus start it alone. */
    changeNotices,
    /** Tests deliver events to these handlers directly, as the bus does. */
    consumers,
    /**
     * Background work: the event consumers, the outbox relay, the product change listener and
     * the reservation sweeper.
     */
    async start() {
      await revocations.start();
      await core.start();
      if (config.PRODUCT_CACHE_SIZE > 0) await changeNotices.start();
      sweeper.start();
    },
    async stop() {
      await sweeper.stop();
      await changeNotices.stop();
      await core.stop(() => revocations.stop());
    },
  };
}

export type ProductsService = Awaited<ReturnType<typeof buildApp>>;
