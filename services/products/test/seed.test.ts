import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createPool } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { CatalogNotEmpty, seedCatalog } from '../src/seed/seed-catalog.js';

const databases: TestDatabase[] = [];
after(() => Promise.all(databases.map((d) => d.drop())));

async function freshDatabase() {
  const database = await createTestDatabase('products_seed');
  databases.push(database);
  return database.url;
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const pool = createPool({ connectionString: url, max: 1 });
  try {
    return (await pool.query(text)).rows as T[];
  } finally {
    await pool.end();
  }
}

const fingerprint = (url: string) =>
  query<{ md5: string }>(
    url,
    `SELECT md5(string_agg(concat_ws('|', p.id, p.sku, p.slug, p.name, p.price, p.brand, p.status, p.attributes,
                                     i.on_hand, r.stars_1, r.stars_5), ',' ORDER BY p.id))
     FROM products p JOIN inventory i ON i.product_id = p.id JOIN rating_summaries r ON r.product_id = p.id`,
  );

test('the same seed and size give the same catalog', async () => {
  const [a, b] = [await freshDatabase(), await freshDatabase()];
  const summary = await seedCatalog({ databaseUrl: a, products: 400 });
  await seedCatalog({ databaseUrl: b, products: 400 });
  assert.deepEqual({ seeded: summary.seeded, products: summary.products }, { seeded: true, products: 400 });
  assert.ok(summary.reviews > 0);
  assert.deepEqual(await fingerprint(a), await fingerprint(b));
});

/** Every derived number agrees with what it is derived from. */
async function inconsistencies(url: string) {
  const [checks] = await query<Record<string, number>>(
    url,
    `SELECT
       (SELECT count(*) FROM rating_summaries s
         WHERE s.review_count <> (SELECT count(*) FROM reviews r WHERE r.product_id = s.product_id))::int AS summaries,
       (SELECT count(*) FROM products p JOIN rating_summaries s ON s.product_id = p.id JOIN inventory i ON i.product_id = p.id
         WHERE p.rating_average <> s.average OR p.review_count <> s.review_count
            OR p.in_stock <> (i.available > 0))::int AS copies,
       (SELECT count(*) FROM reviews r
         WHERE r.helpful_count <> (SELECT count(*) FROM review_votes v WHERE v.review_id = r.id))::int AS votes,
       (SELECT count(*) FROM reviews r
         WHERE r.verified_purchase <> EXISTS (SELECT 1 FROM purchases b
                                              WHERE b.user_id = r.user_id AND b.product_id = r.product_id))::int
         AS verified,
       (SELECT count(*) FROM (
          (SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, count(*)::int
           FROM products GROUP BY 1, 2, 3, 4, 5, 6
           EXCEPT SELECT status, category_id, brand, price_band, rating_floor, in_stock, products FROM facet_counts)
          UNION ALL
          (SELECT status, category_id, brand, price_band, rating_floor, in_stock, products FROM facet_counts
           WHERE products <> 0
           EXCEPT SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock,
                         count(*)::int
           FROM products GROUP BY 1, 2, 3, 4, 5, 6)) d)::int AS facets`,
  );
  return checks;
}

test('a seeded catalog is consistent: summaries, copies on products and facet counts', async () => {
  const url = await freshDatabase();
  await seedCatalog({ databaseUrl: url, products: 600 });
  assert.deepEqual(await inconsistencies(url), { summaries: 0, copies: 0, votes: 0, verified: 0, facets: 0 });
  const [terms] = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM search_terms');
  assert.ok(terms!.n > 100, 'the typo-correction vocabulary is filled');
});

test('a catalog with data is refused, skipped or replaced, as asked', async () => {
  const url = await freshDatabase();
  await seedCatalog({ databaseUrl: url, products: 50 });
  await assert.rejects(seedCatalog({ databaseUrl: url, products: 50 }), CatalogNotEmpty);
  const skipped = await seedCatalog({ databaseUrl: url, products: 80, whenNotEmpty: 'skip' });
  assert.equal(skipped.seeded, false);
  assert.deepEqual(await query(url, 'SELECT count(*)::int AS n FROM products'), [{ n: 50 }]);
  await seedCatalog({ databaseUrl: url, products: 80, whenNotEmpty: 'replace' });
  assert.deepEqual(await query(url, 'SELECT count(*)::int AS n FROM products'), [{ n: 80 }]);
  assert.deepEqual(await inconsistencies(url), { summaries: 0, copies: 0, votes: 0, verified: 0, facets: 0 });
});
