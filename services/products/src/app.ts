import {
  createGuards,
  SessionRevocations,
  createServiceCore,
  createTokenVerifier,
  registerDeadLetterRoutes,
  type App,
  type Bus,
  type Pool,
  type TokenVerifier,
} from '@shop/platform';
import { registerCategoryRoutes } from './api/category.routes.js';
import { registerInternalRoutes } from './api/internal.routes.js';
import { registerInventoryRoutes } from './api/inventory.routes.js';
import { registerProductRoutes } from './api/product.routes.js';
import { registerRelatedRoutes } from './api/related.routes.js';
import { registerReviewRoutes } from './api/review.routes.js';
import { registerSearchRoutes } from './api/search.routes.js';
import type { Config } from './config.js';
import { AccountErasure } from './domain/account-erasure.js';
import { Catalog } from './domain/catalog.js';
import { Categories } from './domain/categories.js';
import { ProductSearch } from './domain/product-search.js';
import { Purchases } from './domain/purchases.js';
import { RelatedProducts } from './domain/related-products.js';
import { ReservationDesk } from './domain/reservation-desk.js';
import { ReviewBoard } from './domain/reviews.js';
import { searchBudget } from './domain/search-budget.js';
import { StockDesk } from './domain/stock.js';
import { categoryRepository } from './data/category-repository.js';
import { erasureRepository } from './data/erasure-repository.js';
import { ProductCache } from './data/product-cache.js';
import { productChangeNotices } from './data/product-change-notices.js';
import { productRepository } from './data/product-repository.js';
import { productSearchIndex } from './data/product-search-index.js';
import { purchaseRepository } from './data/purchase-repository.js';
import { relatedRepository } from './data/related-repository.js';
import { reservationRepository } from './data/reservation-repository.js';
import { reviewRepository } from './data/review-repository.js';
import { stockRepository } from './data/stock-repository.js';
import { purchaseEvents } from './messaging/purchase-events.consumer.js';
import { sessionRevocationEvents } from './messaging/session-revocations.consumer.js';
import { userDeletedEvents } from './messaging/user-deleted.consumer.js';
import { ReservationSweeper } from './workers/reservation-sweeper.js';

/** The adapters a test may replace. */
export interface AppDeps {
  /** Tests pass a verifier for their own issuer; otherwise the user service's JWKS is used. */
  verifier?: TokenVerifier;
  bus?: Bus;
}

type Consumer = ReturnType<typeof purchaseEvents>;

/** The product service, built but not listening: tests inject() into `app`. */
export interface ProductsApp {
  app: App;
  pool: Pool;
  sweeper: ReservationSweeper;
  cache: ProductCache;
  /** Started by start(); tests that never start the bus start it alone. */
  changeNotices: ReturnType<typeof productChangeNotices>;
  /** Tests deliver events to these handlers directly, as the bus does. */
  consumers: { purchases: Consumer; userErasure: Consumer; sessionRevocations: Consumer };
  /**
   * Background work: the event consumers, the outbox relay, the product change listener and
   * the reservation sweeper.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<ProductsApp> {
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
    purchases: purchaseEvents(pool, (tx) => new Purchases({ purchases: purchaseRepository(tx) })),
    userErasure: userDeletedEvents(pool, (tx) => new AccountErasure({ erasure: erasureRepository(tx) })),
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

  const catalog = new Catalog({ products: productRepository(pool, outbox, cache) });
  const reservations = new ReservationDesk({
    reservations: reservationRepository(pool, outbox, cache),
    lowStockThreshold: config.LOW_STOCK_THRESHOLD,
    maxTtlSeconds: config.RESERVATION_MAX_TTL_SECONDS,
  });
  const search = new ProductSearch({
    index: productSearchIndex(pool, { statementTimeoutMs: config.SEARCH_STATEMENT_TIMEOUT_MS }),
    budget: searchBudget({
      perClientConcurrent: config.SEARCH_COSTLY_PER_CLIENT_CONCURRENT,
      perClientPerMinute: config.SEARCH_COSTLY_PER_CLIENT_PER_MINUTE,
      processConcurrent: config.SEARCH_COSTLY_MAX_CONCURRENT,
      waitMs: config.SEARCH_COSTLY_WAIT_MS,
      maxWaiting: config.SEARCH_COSTLY_MAX_WAITING,
    }),
  });
  const stock = new StockDesk({
    stock: stockRepository(pool, outbox, cache),
    lowStockThreshold: config.LOW_STOCK_THRESHOLD,
  });

  registerCategoryRoutes(app, {
    guards,
    categories: new Categories({ categories: categoryRepository(pool) }),
  });
  registerProductRoutes(app, { guards, catalog });
  registerSearchRoutes(app, { guards, search });
  registerInventoryRoutes(app, { guards, stock });
  registerReviewRoutes(app, {
    guards,
    reviews: new ReviewBoard({ reviews: reviewRepository(pool, outbox, cache) }),
  });
  registerRelatedRoutes(app, { guards, related: new RelatedProducts({ related: relatedRepository(pool) }) });
  registerInternalRoutes(app, { guards, catalog, reservations });
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
    changeNotices,
    consumers,
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
