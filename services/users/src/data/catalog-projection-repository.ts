import type { Queryable } from '@shop/platform';
import type { CatalogProjection } from '../domain/products.js';

export function catalogProjectionRepository(db: Queryable): CatalogProjection {
  return {
    async apply(facts) {
      // The same version again is the same state: rewriting it is harmless, and it completes a
      // row known only from a deletion at that version.
      await db.query(
        `INSERT INTO catalog_products (product_id, name, category_id, brand, status, version)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (product_id) DO UPDATE
           SET name = excluded.name, category_id = excluded.category_id, brand = excluded.brand,
               status = excluded.status, version = excluded.version, updated_at = now()
           WHERE catalog_products.version <= excluded.version`,
        [facts.productId, facts.name, facts.categoryId, facts.brand, facts.status, facts.version],
      );
    },

    async markArchived(productId, version) {
      await db.query(
        `INSERT INTO catalog_products (product_id, status, version) VALUES ($1, 'archived', $2)
         ON CONFLICT (product_id) DO UPDATE SET status = 'archived', version = excluded.version, updated_at = now()
           WHERE catalog_products.version < excluded.version`,
        [productId, version],
      );
    },

    async fill(products) {
      if (products.length === 0) return;
      await db.query(
        `INSERT INTO catalog_products (product_id, name, category_id, brand, status, version)
         SELECT *, 0 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
         ORDER BY 1
         ON CONFLICT (product_id) DO UPDATE
           SET name = excluded.name, category_id = excluded.category_id, brand = excluded.brand,
               status = excluded.status, updated_at = now()
           WHERE catalog_products.version = 0`,
        [
          products.map((p) => p.productId),
          products.map((p) => p.name),
          products.map((p) => p.categoryId),
          products.map((p) => p.brand),
          products.map((p) => p.status),
        ],
      );
    },

    async nameOf(productId) {
      const { rows } = await db.query<{ name: string | null }>(
        `SELECT name FROM catalog_products WHERE product_id = $1`,
        [productId],
      );
      return rows[0]?.name ?? undefined;
    },
  };
}
