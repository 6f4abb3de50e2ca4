import { isUuid, PgError, pgConstraint, pgErrorCode, type Queryable } from '@shop/platform';
import { EmailTaken } from '../domain/errors.js';
import type { Preferences, User, UserRole, UserStatus, UserStore } from '../domain/user.js';

const COLUMNS = `id, email, email_verified, pending_email, name, password_hash, roles, status,
  preferences, avatar_version, created_at, updated_at`;

interface UserRow {
  id: string;
  email: string;
  email_verified: boolean;
  pending_email: string | null;
  name: string;
  password_hash: string | null;
  roles: UserRole[];
  status: UserStatus;
  preferences: Preferences;
  avatar_version: number | null;
  created_at: Date;
  updated_at: Date;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  emailVerified: row.email_verified,
  pendingEmail: row.pending_email,
  name: row.name,
  passwordHash: row.password_hash,
  roles: row.roles,
  status: row.status,
  preferences: row.preferences,
  avatarVersion: row.avatar_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Columns a caller may change, by domain field name. */
const UPDATABLE = {
  email: 'email',
  emailVerified: 'email_verified',
  pendingEmail: 'pending_email',
  name: 'name',
  passwordHash: 'password_hash',
  roles: 'roles',
  status: 'status',
  avatarVersion: 'avatar_version',
} as const;

export function usersRepository(db: Queryable): UserStore {
  const one = async (query: { name?: string; text: string; values: unknown[] }) => {
    const { rows } = await db.query<UserRow>(query);
    return rows[0] ? toUser(rows[0]) : undefined;
  };
  return {
    async insert(user) {
      try {
        const { rows } = await db.query<UserRow>(
          `INSERT INTO users (id, email, email_verified, name, password_hash, roles)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [user.id, user.email, user.emailVerified, user.name, user.passwordHash, user.roles],
        );
        return toUser(rows[0]!);
      } catch (error) {
        throw translate(error);
      }
    },

    // Named statements: prepared once per connection, for the hottest lookups (login, guards).
    findById: async (id) =>
      isUuid(id)
        ? one({ name: 'users-by-id', text: `SELECT ${COLUMNS} FROM users WHERE id = $1`, values: [id] })
        : undefined,
    findByEmail: (email) =>
      one({ name: 'users-by-email', text: `SELECT ${COLUMNS} FROM users WHERE email = $1`, values: [email] }),
    lock: async (id) =>
      isUuid(id)
        ? one({ text: `SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, values: [id] })
        : undefined,
    lockForShare: async (id) =>
      isUuid(id)
        ? one({ text: `SELECT ${COLUMNS} FROM users WHERE id = $1 FOR KEY SHARE`, values: [id] })
        : undefined,

    async search(search) {
      const where: string[] = [];
      const values: unknown[] = [];
      const param = (value: unknown) => {
        values.push(value);
        return `$${values.length}`;
      };
      if (search.text) {
        const pattern = param(`%${escapeLike(search.text)}%`);
        where.push(`(email ILIKE ${pattern} ESCAPE '\\' OR name ILIKE ${pattern} ESCAPE '\\')`);
      }
      if (search.role) where.push(`${param(search.role)} = ANY (roles)`);
      if (search.status) where.push(`status = ${param(search.status)}`);
      if (search.after) {
        where.push(
          `(created_at, id) < (${param(search.after.createdAt)}::timestamptz, ${param(search.after.id)}::uuid)`,
        );
      }
      const { rows } = await db.query<UserRow>(
        `SELECT ${COLUMNS} FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT ${param(search.limit)}`,
        values,
      );
      return rows.map(toUser);
    },

    async update(id, changes) {
      const sets: string[] = [];
      const values: unknown[] = [id];
      for (const [field, column] of Object.entries(UPDATABLE)) {
        const value = changes[field as keyof typeof changes];
        if (value === undefined) continue;
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
      try {
        const { rows } = await db.query<UserRow>(
          `UPDATE users SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
          values,
        );
        return toUser(rows[0]!);
      } catch (error) {
        throw translate(error);
      }
    },

    async mergePreferences(id, preferences) {
      const { rows } = await db.query<UserRow>(
        `UPDATE users SET preferences = preferences || $2::jsonb, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, JSON.stringify(preferences)],
      );
      return toUser(rows[0]!);
    },

    async anonymise(id) {
      await db.query(
        `UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', email_verified = false,
           pending_email = NULL, name = 'Deleted user', password_hash = NULL, roles = '{customer}',
           status = 'deleted', preferences = '{}', avatar_version = NULL,
           deleted_at = now(), updated_at = now()
         WHERE id = $1`,
        [id],
      );
    },
  };
}

/** Search text is literal: % and _ typed by someone are not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function translate(error: unknown): unknown {
  if (pgErrorCode(error) === PgError.uniqueViolation && pgConstraint(error) === 'users_email_unique')
    return new EmailTaken();
  return error;
}
