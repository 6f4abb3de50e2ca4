import { createPool, createTokenVerifier, runMigrations, type Pool } from '@shop/platform';
import { createTestDatabase, createTestIssuer, type TestIssuer } from '@shop/platform/testing';
import { buildApp, type AppDeps, type ProductsApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { migrationsDirectory } from '../../src/migrations-directory.js';

export interface ProductsUnderTest {
  service: ProductsApp;
  app: ProductsApp['app'];
  /** A second pool for assertions on the database state. */
  db: Pool;
  /** The configuration the service runs with (a second replica can be built from it). */
  config: Config;
  issuer: TestIssuer;
  adminToken: string;
  customerToken: string;
  serviceToken: string;
  close(): Promise<void>;
}

/**
 * A product service on a fresh, migrated database, with tokens signed by a test issuer. Its
 * bus is never started unless a test calls `service.start()` (then pass a real one in `deps`);
 * its product cache is live (the change listener runs), as in production.
 */
export async function startProducts(
  env: Record<string, string> = {},
  deps: Omit<AppDeps, 'verifier'> = {},
): Promise<ProductsUnderTest> {
  const database = await createTestDatabase('products');
  const migrator = createPool({ connectionString: database.url, max: 1 });
  await runMigrations(migrator, migrationsDirectory);
  await migrator.end();

  const issuer = await createTestIssuer();
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '20',
    BUS_URL: 'postgres://unused/bus',
    JWKS_URL: 'http://unused/jwks.json',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const service = await buildApp(config, {
    verifier: createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }),
    ...deps,
  });
  if (config.PRODUCT_CACHE_SIZE > 0) await service.changeNotices.start();
  const db = createPool({ connectionString: database.url, max: 4 });
  return {
    service,
    app: service.app,
    db,
    config,
    issuer,
    adminToken: await issuer.userToken('00000000-0000-4000-8000-00000000a0a0', ['admin'], 'Ada Admin'),
    customerToken: await issuer.userToken(
      '00000000-0000-4000-8000-00000000c0c0',
      ['customer'],
      'Carl Customer',
    ),
    serviceToken: await issuer.serviceToken('orders', 'products'),
    async close() {
      await service.app.close();
      await service.stop();
      await db.end();
      await database.drop();
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
