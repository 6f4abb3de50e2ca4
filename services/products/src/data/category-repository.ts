import {
  PgError,
  pgConstraint,
  pgErrorCode,
  withTransaction,
  type Pool,
  type PoolClient,
} from '@shop/platform';
import type { Category, CategoryStore, CategoryWrites } from '../domain/categories.js';
import { CategoryInUse, CategorySlugTaken } from '../domain/errors.js';

const SELECT = 'SELECT id, name, slug, parent_id AS "parentId" FROM categories';

export function categoryRepository(pool: Pool): CategoryStore {
  return {
    async list() {
      const { rows } = await pool.query<Category>({ name: 'categories-all', text: SELECT });
      return rows;
    },
    transaction: (work) => withTransaction(pool, (client) => work(categoryWrites(client))),
  };
}

function categoryWrites(client: PoolClient): CategoryWrites {
  return {
    async lockTree() {
      // Readers are not blocked; writers of the tree take turns.
      await client.query('LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE');
    },
    async find(id) {
      const { rows } = await client.query<Category>(`${SELECT} WHERE id = $1`, [id]);
      return rows[0];
    },
    async slugTaken(slug, exceptId) {
      const { rowCount } = await client.query(
        'SELECT 1 FROM categories WHERE slug = $1 AND id IS DISTINCT FROM $2',
        [slug, exceptId ?? null],
      );
      return rowCount === 1;
    },
    async lineage(id) {
      const { rows } = await client.query<{ id: string }>(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id FROM categories WHERE id = $1
           UNION ALL
           SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
         ) SELECT id FROM up`,
        [id],
      );
      return rows.map((r) => r.id);
    },
    async hasProductsOrChildren(id) {
      const { rows } = await client.query<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM products WHERE category_id = $1)
             OR EXISTS (SELECT 1 FROM categories WHERE parent_id = $1) AS used`,
        [id],
      );
      return rows[0]!.used;
    },
    async insert(category) {
      return slugUnique(async () => {
        const { rows } = await client.query<Category>(
          `INSERT INTO categories (id, name, slug, parent_id) VALUES ($1, $2, $3, $4)
           RETURNING id, name, slug, parent_id AS "parentId"`,
          [category.id, category.name, category.slug, category.parentId],
        );
        return rows[0]!;
      });
    },
    async update(id, changes) {
      const { rows } = await slugUnique(() =>
        client.query<Category>(
          `UPDATE categories SET
             name = coalesce($2, name),
             slug = coalesce($3, slug),
             parent_id = CASE WHEN $4 THEN $5::uuid ELSE parent_id END,
             updated_at = now()
           WHERE id = $1
           RETURNING id, name, slug, parent_id AS "parentId"`,
          [
            id,
            changes.name ?? null,
            changes.slug ?? null,
            changes.parentId !== undefined,
            changes.parentId ?? null,
          ],
        ),
      );
      return rows[0]!;
    },
    async delete(id) {
      try {
        await client.query('DELETE FROM categories WHERE id = $1', [id]);
      } catch (error) {
        if (pgErrorCode(error) === PgError.foreignKeyViolation) throw new CategoryInUse({ cause: error });
        throw error;
      }
    },
  };
}

async function slugUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === PgError.uniqueViolation && pgConstraint(error) === 'categories_slug_key') {
      throw new CategorySlugTaken({
        fields: [{ field: 'body.slug', message: 'already used' }],
        cause: error,
      });
    }
    throw error;
  }
}
