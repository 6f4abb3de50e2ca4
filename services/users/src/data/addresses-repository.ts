import { isUuid } from '@shop/platform';
import type { Queryable } from '@shop/platform';
import type { Address, AddressStore } from '../domain/address-book.js';

const COLUMNS = `id, user_id, name, line1, line2, city, region, postal_code, country, phone, is_default,
  created_at, updated_at`;

interface AddressRow {
  id: string;
  user_id: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  phone: string | null;
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
}

const toAddress = (row: AddressRow): Address => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  line1: row.line1,
  line2: row.line2,
  city: row.city,
  region: row.region,
  postalCode: row.postal_code,
  country: row.country,
  phone: row.phone,
  isDefault: row.is_default,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const UPDATABLE = {
  name: 'name',
  line1: 'line1',
  line2: 'line2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  phone: 'phone',
  isDefault: 'is_default',
} as const;

/** Every query is scoped by user id: an address id alone never reaches another account's row. */
export function addressesRepository(db: Queryable): AddressStore {
  return {
    async list(userId, after, limit) {
      const { rows } = await db.query<AddressRow>(
        `SELECT ${COLUMNS} FROM addresses
         WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
         ORDER BY created_at, id LIMIT $4`,
        [userId, after?.createdAt ?? null, after?.id ?? null, limit],
      );
      return rows.map(toAddress);
    },

    async find(userId, id) {
      if (!isUuid(id)) return undefined;
      const { rows } = await db.query<AddressRow>(
        `SELECT ${COLUMNS} FROM addresses WHERE user_id = $1 AND id = $2`,
        [userId, id],
      );
      return rows[0] ? toAddress(rows[0]) : undefined;
    },

    async count(userId) {
      const { rows } = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM addresses WHERE user_id = $1`,
        [userId],
      );
      return rows[0]!.count;
    },

    async insert(address) {
      const { rows } = await db.query<AddressRow>(
        `INSERT INTO addresses (id, user_id, name, line1, line2, city, region, postal_code, country, phone, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          address.id,
          address.userId,
          address.name,
          address.line1,
          address.line2,
          address.city,
          address.region,
          address.postalCode,
          address.country,
          address.phone,
          address.isDefault,
        ],
      );
      return toAddress(rows[0]!);
    },

    async update(userId, id, changes) {
      const values: unknown[] = [userId, id];
      const sets: string[] = [];
      for (const [field, column] of Object.entries(UPDATABLE)) {
        const value = changes[field as keyof typeof changes];
        if (value === undefined) continue;
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
      const { rows } = await db.query<AddressRow>(
        `UPDATE addresses SET ${[...sets, 'updated_at = now()'].join(', ')}
         WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        values,
      );
      return rows[0] ? toAddress(rows[0]) : undefined;
    },

    async delete(userId, id) {
      if (!isUuid(id)) return false;
      const result = await db.query(`DELETE FROM addresses WHERE user_id = $1 AND id = $2`, [userId, id]);
      return (result.rowCount ?? 0) > 0;
    },

    async clearDefault(userId) {
      await db.query(`UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default`, [userId]);
    },

    async deleteAllOf(userId) {
      await db.query(`DELETE FROM addresses WHERE user_id = $1`, [userId]);
    },
  };
}
