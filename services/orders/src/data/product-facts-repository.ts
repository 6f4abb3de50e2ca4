import type { Pool, PoolClient } from '@shop/platform';
import type { ProductFact, ProductFactStore, ProductStatus } from '../domain/ports.js';

/** What one product event says, at the product's version; a part it does not carry is left out. */
export interface ProductNews {
  productId: string;
  version: number;
  name?: string;
  price?: { amount: number; currency: string };
  status?: ProductStatus;
}

/**
 * Records a product event: each part (name, price, status) replaces the stored one only when this
 * event's version is newer than the version that part was stored at. Duplicates and late events
 * are therefore no-ops, and any delivery order ends in the same row.
 */
export async function recordProductNews(tx: PoolClient, news: ProductNews): Promise<void> {
  const at = (present: unknown) => (present === undefined ? 0 : news.version);
  await tx.query(
    `INSERT INTO product_facts AS f (product_id, name, name_version, price, currency, price_version,
       status, status_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (product_id) DO UPDATE SET
       name = CASE WHEN excluded.name_version > f.name_version THEN excluded.name ELSE f.name END,
       name_version = greatest(f.name_version, excluded.name_version),
       price = CASE WHEN excluded.price_version > f.price_version THEN excluded.price ELSE f.price END,
       currency = CASE WHEN excluded.price_version > f.price_version THEN excluded.currency ELSE f.currency END,
       price_version = greatest(f.price_version, excluded.price_version),
       status = CASE WHEN excluded.status_version > f.status_version THEN excluded.status ELSE f.status END,
       status_version = greatest(f.status_version, excluded.status_version),
       updated_at = now()`,
    [
      news.productId,
      news.name ?? null,
      at(news.name),
      news.price?.amount ?? null,
      news.price?.currency ?? null,
      at(news.price),
      news.status ?? null,
      at(news.status),
    ],
  );
}

export class ProductFactRepository implements ProductFactStore {
  constructor(private readonly pool: Pool) {}

  async of(ids: string[]): Promise<Map<string, ProductFact>> {
    const { rows } = await this.pool.query<{
      product_id: string;
      name: string | null;
      price: number | null;
      currency: string | null;
      status: ProductStatus | null;
    }>(
      `SELECT product_id, name, price, currency, status FROM product_facts WHERE product_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.product_id,
        {
          productId: row.product_id,
          name: row.name,
          price: row.price,
          currency: row.currency,
          status: row.status,
        },
      ]),
    );
  }
}
