import {
  isUuid,
  PgError,
  pgConstraint,
  pgErrorCode,
  type Outbox,
  type Pool,
  type PoolClient,
} from '@shop/platform';
import type { ProductChanges, ProductFields, ProductStore, ProductWrites } from '../domain/catalog.js';
import { ProductSlugTaken, SkuTaken, UnknownCategory } from '../domain/errors.js';
import type { ProductCache, Touched } from './product-cache.js';
import { PRODUCT_COLUMNS, PRODUCT_FROM, toProduct, type ProductRow } from './product-rows.js';

/** Product fields and the columns they live in: the only names an UPDATE is built from. */
const COLUMNS: Record<keyof ProductFields, string> = {
  sku: 'sku',
  slug: 'slug',
  name: 'name',
  description: 'description',
  price: 'price',
  currency: 'currency',
  categoryId: 'category_id',
  brand: 'brand',
  attributes: 'attributes',
  images: 'images',
  status: 'status',
};

export function productRepository(pool: Pool, outbox: Outbox, cache: ProductCache): ProductStore {
  return {
    async find(idOrSlug) {
      const byId = isUuid(idOrSlug);
      const key = byId ? idOrSlug.toLowerCase() : idOrSlug;
      const cached = cache.find(key, byId);
      if (cached) return cached;
      const ticket = cache.ticket();
      // Named statements: parsed and planned once per connection, this is the hot path.
      const { rows } = await pool.query<ProductRow>({
        name: byId ? 'product-by-id' : 'product-by-slug',
        text: `SELECT ${PRODUCT_COLUMNS} FROM ${PRODUCT_FROM} WHERE ${byId ? 'p.id' : 'p.slug'} = $1`,
        values: [key],
      });
      const product = rows[0] && toProduct(rows[0]);
      if (product) cache.store(ticket, product);
      return product;
    },
    async findMany(ids) {
      const { rows } = await pool.query<ProductRow>({
        name: 'products-by-ids',
        text: `SELECT ${PRODUCT_COLUMNS} FROM ${PRODUCT_FROM} WHERE p.id = ANY($1::uuid[])`,
        values: [ids],
      });
      return rows.map(toProduct);
    },
    transaction: cache.transaction(pool, (client, touched) => productWrites(client, outbox, touched)),
  };
}

function productWrites(client: PoolClient, outbox: Outbox, touched: Touched): ProductWrites {
  const select = async (id: string, lock = false) => {
    const { rows } = await client.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM ${PRODUCT_FROM} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id],
    );
    return rows[0] && toProduct(rows[0]);
  };

  return {
    async categoryExists(id) {
      const { rowCount } = await client.query('SELECT 1 FROM categories WHERE id = $1', [id]);
      return rowCount === 1;
    },
    async slugTaken(slug) {
      const { rowCount } = await client.query('SELECT 1 FROM products WHERE slug = $1', [slug]);
      return rowCount === 1;
    },
    async insert(id, fields) {
      await translateViolations(async () => {
        await client.query(
          `INSERT INTO products (id, sku, slug, name, description, price, currency, category_id, brand,
                                 attributes, images, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::text[], $12)`,
          [
            id,
            fields.sku,
            fields.slug,
            fields.name,
            fields.description,
            fields.price,
            fields.currency,
            fields.categoryId,
            fields.brand,
            JSON.stringify(fields.attributes),
            fields.images,
            fields.status,
          ],
        );
      });
      await client.query('INSERT INTO inventory (product_id) VALUES ($1)', [id]);
      await client.query('INSERT INTO rating_summaries (product_id) VALUES ($1)', [id]);
      return (await select(id))!;
    },
    lock: (id) => select(id, true),
    async update(id, changes: ProductChanges) {
      touched.add(id);
      const values: unknown[] = [id];
      const assignments = Object.entries(changes).map(([field, value]) => {
        const column = COLUMNS[field as keyof ProductFields];
        values.push(field === 'attributes' ? JSON.stringify(value) : value);
        return `${column} = $${values.length}${field === 'attributes' ? '::jsonb' : ''}`;
      });
      await translateViolations(() =>
        client.query(
          `UPDATE products SET ${assignments.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
          values,
        ),
      );
      return (await select(id))!;
    },
    async publish(events) {
      await outbox.append(client, events);
    },
  };
}

/** Constraint violations a concurrent writer can still cause after the checks, as domain errors. */
async function translateViolations<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = pgErrorCode(error);
    const constraint = pgConstraint(error);
    if (code === PgError.uniqueViolation && constraint === 'products_sku_key') {
      throw new SkuTaken({ fields: [{ field: 'body.sku', message: 'already used' }], cause: error });
    }
    if (code === PgError.uniqueViolation && constraint === 'products_slug_key') {
      throw new ProductSlugTaken({ fields: [{ field: 'body.slug', message: 'already used' }], cause: error });
    }
    if (code === PgError.foreignKeyViolation) {
      throw new UnknownCategory({
        fields: [{ field: 'body.categoryId', message: 'no such category' }],
        cause: error,
      });
    }
    throw error;
  }
}
