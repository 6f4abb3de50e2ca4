import { createPool, runMigrations, withTransaction, type Pool, type PoolClient } from '@shop/platform';
import { migrationsDirectory } from '../migrations-directory.js';
import { generateCatalog, type SeedProduct } from './catalog-generator.js';

export interface SeedOptions {
  databaseUrl: string;
  /** How many products (the first few dozen are the well-known hero products). */
  products: number;
  /** What to do when the catalog already has data: refuse (throw), skip, or replace it. */
  whenNotEmpty?: 'refuse' | 'skip' | 'replace';
  seed?: number;
  log?: (message: string) => void;
}

export interface SeedSummary {
  seeded: boolean;
  categories: number;
  products: number;
  reviews: number;
  ms: number;
}

export class CatalogNotEmpty extends Error {
  override name = 'CatalogNotEmpty';
}

const BATCH = 2000;
const CATALOG_TABLES = [
  'review_votes',
  'reviews',
  'rating_summaries',
  'purchases',
  'purchase_orders',
  'co_purchases',
  'reservation_lines',
  'reservations',
  'stock_movements',
  'inventory',
  'products',
  'categories',
  'search_terms',
  'facet_counts',
];

/**
 * Writes a deterministic demo catalog (migrating first): the launcher calls this on a
 * fresh database, `seed-cli.ts` from the command line. Rows go in with one unnest
 * INSERT per table and batch, so 100,000 products take well under a minute. No events
 * are written: this is the initial state, not a change to it.
 */
export async function seedCatalog(options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const pool = createPool({
    connectionString: options.databaseUrl,
    max: 2,
    applicationName: 'products-seed',
    statementTimeoutMs: 600_000,
  });
  try {
    await runMigrations(pool, migrationsDirectory);
    if (!(await isEmpty(pool))) {
      const policy = options.whenNotEmpty ?? 'refuse';
      if (policy === 'skip')
        return { seeded: false, categories: 0, products: 0, reviews: 0, ms: Date.now() - started };
      if (policy === 'refuse')
        throw new CatalogNotEmpty('The catalog is not empty; pass --force to replace it.');
      log('replacing the existing catalog');
      await pool.query(`TRUNCATE ${CATALOG_TABLES.join(', ')}`);
    }

    const catalog = generateCatalog({ products: options.products, seed: options.seed ?? 42 });
    await insertCategories(pool, catalog.categories);
    let products = 0;
    let reviews = 0;
    let batch: SeedProduct[] = [];
    let writing: Promise<void> = Promise.resolve();
    const write = (rows: SeedProduct[]) =>
      withTransaction(pool, async (tx) => {
        await insertProducts(tx, rows);
        reviews += await insertReviews(tx, rows);
        products += rows.length;
        if (products % 20_000 < rows.length) log(`${products} products`);
      });
    for (const product of catalog.products()) {
      batch.push(product);
      // Yield now and then, so the batch being written progresses while the next is generated.
      if (batch.length % 100 === 0) await new Promise(setImmediate);
      if (batch.length === BATCH) {
        await writing;
        writing = write(batch);
        writing.catch(() => undefined); // awaited (and thrown) before the next batch
        batch = [];
      }
    }
    await writing;
    if (batch.length > 0) await write(batch);
    // Fresh statistics, so the first searches are planned well.
    await pool.query(`ANALYZE ${CATALOG_TABLES.join(', ')}`);
    const summary = {
      seeded: true,
      categories: catalog.categories.length,
      products,
      reviews,
      ms: Date.now() - started,
    };
    log(`seeded ${products} products, ${reviews} reviews in ${summary.ms} ms`);
    return summary;
  } finally {
    await pool.end();
  }
}

async function isEmpty(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM products) AND NOT EXISTS (SELECT 1 FROM categories) AS empty',
  );
  return rows[0]!.empty;
}

async function insertCategories(
  pool: Pool,
  categories: { id: string; parentId: string | null; name: string; slug: string }[],
) {
  await pool.query(
    `INSERT INTO categories (id, parent_id, name, slug)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
    [
      categories.map((c) => c.id),
      categories.map((c) => c.parentId),
      categories.map((c) => c.name),
      categories.map((c) => c.slug),
    ],
  );
}

async function insertProducts(tx: PoolClient, batch: SeedProduct[]) {
  const column = <T>(pick: (p: SeedProduct) => T) => batch.map(pick);
  const stars = (n: number) => column((p) => p.reviews.filter((r) => r.rating === n).length);
  // Stock and rating facts go onto the product as the triggers would copy them (average
  // computed as rating_summaries computes it), so the bulk insert needs no second pass.
  await tx.query(
    `INSERT INTO products (id, sku, slug, name, description, price, currency, category_id, brand, attributes,
                           images, status, created_at, updated_at, in_stock, rating_average, review_count)
     SELECT id, sku, slug, name, description, price, 'EUR', category_id, brand, attributes,
            ARRAY(SELECT jsonb_array_elements_text(images)), status, created_at, created_at, on_hand > 0,
            CASE WHEN s1 + s2 + s3 + s4 + s5 = 0 THEN 0
                 ELSE round((s1 + 2 * s2 + 3 * s3 + 4 * s4 + 5 * s5)::numeric / (s1 + s2 + s3 + s4 + s5), 2) END,
            s1 + s2 + s3 + s4 + s5
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::uuid[],
                 $8::text[], $9::jsonb[], $10::jsonb[], $11::text[], $12::timestamptz[], $13::int[],
                 $14::int[], $15::int[], $16::int[], $17::int[], $18::int[])
       AS p(id, sku, slug, name, description, price, category_id, brand, attributes, images, status, created_at,
            on_hand, s1, s2, s3, s4, s5)`,
    [
      column((p) => p.id),
      column((p) => p.sku),
      column((p) => p.slug),
      column((p) => p.name),
      column((p) => p.description),
      column((p) => p.price),
      column((p) => p.categoryId),
      column((p) => p.brand),
      column((p) => JSON.stringify(p.attributes)),
      column((p) => JSON.stringify(p.images)),
      column((p) => p.status),
      column((p) => p.createdAt),
      column((p) => p.onHand),
      ...[1, 2, 3, 4, 5].map(stars),
    ],
  );
  await tx.query(
    `WITH stock AS (
       INSERT INTO inventory (product_id, on_hand)
       SELECT * FROM unnest($1::uuid[], $2::int[])
       RETURNING product_id, on_hand
     )
     INSERT INTO stock_movements (product_id, reason, on_hand_delta, reserved_delta, on_hand, reserved, actor, note)
     SELECT product_id, 'adjusted', on_hand, 0, on_hand, 0, 'seed', 'demo data' FROM stock WHERE on_hand > 0`,
    [column((p) => p.id), column((p) => p.onHand)],
  );
  await tx.query(
    `INSERT INTO rating_summaries (product_id, stars_1, stars_2, stars_3, stars_4, stars_5)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[])`,
    [column((p) => p.id), ...[1, 2, 3, 4, 5].map(stars)],
  );
}

async function insertReviews(tx: PoolClient, batch: SeedProduct[]): Promise<number> {
  const reviews = batch.flatMap((p) => p.reviews.map((r) => ({ ...r, productId: p.id })));
  if (reviews.length === 0) return 0;
  const column = <T>(pick: (r: (typeof reviews)[number]) => T) => reviews.map(pick);
  await tx.query(
    `INSERT INTO reviews (id, product_id, user_id, author_name, rating, title, body, helpful_count, verified_purchase,
                          created_at, updated_at)
     SELECT id, product_id, user_id, author_name, rating, title, body, helpful_count, verified, created_at, created_at
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[],
                 $8::int[], $9::boolean[], $10::timestamptz[])
       AS r(id, product_id, user_id, author_name, rating, title, body, helpful_count, verified, created_at)`,
    [
      column((r) => r.id),
      column((r) => r.productId),
      column((r) => r.userId),
      column((r) => r.authorName),
      column((r) => r.rating),
      column((r) => r.title),
      column((r) => r.body),
      column((r) => r.helpfulVoters.length),
      column((r) => r.verified),
      column((r) => r.createdAt),
    ],
  );
  // A verified review has the purchase behind it, as the verified-purchase rule requires.
  const verified = reviews.filter((r) => r.verified);
  if (verified.length > 0) {
    await tx.query(
      `INSERT INTO purchases (user_id, product_id, order_id, purchased_at)
       SELECT user_id, product_id, 'demo-' || left(user_id, 8), created_at - interval '5 days'
       FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS v(user_id, product_id, created_at)`,
      [verified.map((r) => r.userId), verified.map((r) => r.productId), verified.map((r) => r.createdAt)],
    );
  }
  const votes = reviews.flatMap((r) => r.helpfulVoters.map((userId) => [r.id, userId] as const));
  if (votes.length > 0) {
    await tx.query(
      `INSERT INTO review_votes (review_id, user_id) SELECT * FROM unnest($1::uuid[], $2::text[])`,
      [votes.map((v) => v[0]), votes.map((v) => v[1])],
    );
  }
  return reviews.length;
}
