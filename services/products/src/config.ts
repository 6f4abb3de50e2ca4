import { Type, type Static } from 'typebox';
import { authConfig, busConfig, commonConfig, loadConfig, proxyConfig } from '@shop/platform';

export const ProductsConfigSchema = Type.Object({
  ...commonConfig,
  ...busConfig,
  ...proxyConfig,
  ...authConfig,
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3002 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  LOW_STOCK_THRESHOLD: Type.Integer({
    minimum: 0,
    default: 5,
    description: 'inventory.low_stock.v1 is emitted when available falls below this',
  }),
  PRODUCT_CACHE_SIZE: Type.Integer({
    minimum: 0,
    default: 20000,
    description: 'Products each replica keeps in memory for product pages (about 2 KB each); 0 turns it off',
  }),
  PRODUCT_CACHE_TTL_SECONDS: Type.Integer({
    minimum: 1,
    default: 300,
    description: 'A safety net only: changes reach the cache through NOTIFY within milliseconds',
  }),
  RESERVATION_MAX_TTL_SECONDS: Type.Integer({ minimum: 1, default: 3600 }),
  RESERVATION_SWEEP_MS: Type.Integer({
    minimum: 100,
    default: 5000,
    description: 'How often expired holds are looked for and released',
  }),
});

export type ProductsConfig = Readonly<Static<typeof ProductsConfigSchema>>;

export function loadProductsConfig(env: NodeJS.ProcessEnv = process.env): ProductsConfig {
  return loadConfig(ProductsConfigSchema, env);
}
