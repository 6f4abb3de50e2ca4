import { BadRequest, decodeCursor, encodeCursor } from '@shop/platform';
import { Type } from 'typebox';
import type { SqlParams } from './sql-params.js';

/**
 * Keyset pagination over an ORDER BY of several columns. The cursor carries the
 * sort name and the last row's key as text (exact: no float or timestamp rounding
 * on the way through JSON), and every key is checked against its column's type
 * before it reaches SQL, so a tampered cursor is a 400, never a SQL error.
 */
export type KeyType = 'bigint' | 'numeric' | 'float8' | 'timestamp' | 'uuid';

export interface KeyColumn {
  /** The ORDER BY expression. */
  sql: string;
  type: KeyType;
  direction: 'asc' | 'desc';
}

export interface Keyset {
  name: string;
  columns: KeyColumn[];
}

// Timestamp keys from year 1 to 9999 (in microseconds since the epoch): PostgreSQL holds a little
// more, but a key outside its range would fail the query (a 500) rather than the cursor.
const FIRST_MOMENT = -62_135_596_800_000_000n;
const LAST_MOMENT = 253_402_300_799_999_999n;
const inRange: Partial<Record<KeyType, (key: string) => boolean>> = {
  timestamp: (key) => BigInt(key) >= FIRST_MOMENT && BigInt(key) <= LAST_MOMENT,
};

const patterns: Record<KeyType, RegExp> = {
  bigint: /^-?\d{1,18}$/,
  // Timestamps travel as integer microseconds since the epoch.
  timestamp: /^-?\d{1,18}$/,
  numeric: /^-?\d{1,15}(\.\d{1,15})?$/,
  float8: /^-?\d{1,20}(\.\d{1,20})?(e[-+]?\d{1,2})?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

const CursorShape = Type.Object({
  s: Type.String({ maxLength: 40 }),
  k: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 8 }),
});

/** SELECT-list expressions that give each key as text, aliased k0, k1, … */
export function keySelect(keyset: Keyset): string {
  return keyset.columns
    .map((column, i) => {
      const text =
        column.type === 'timestamp'
          ? `(extract(epoch FROM ${column.sql}) * 1000000)::bigint::text`
          : `(${column.sql})::text`;
      return `${text} AS k${i}`;
    })
    .join(', ');
}

export function orderBy(keyset: Keyset): string {
  return keyset.columns.map((c) => `${c.sql} ${c.direction.toUpperCase()}`).join(', ');
}

/** The condition "after this cursor", or undefined for the first page. */
export function afterCursor(
  keyset: Keyset,
  cursor: string | undefined,
  params: SqlParams,
): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const { columns } = keyset;
  let decoded: { s: string; k: string[] } | undefined;
  try {
    decoded = decodeCursor(cursor, CursorShape);
  } catch {
    // Not even its shape: same answer as a cursor of another listing.
  }
  if (
    !decoded ||
    decoded.s !== keyset.name ||
    decoded.k.length !== columns.length ||
    decoded.k.some((key, i) => {
      const type = columns[i]!.type;
      return !patterns[type].test(key) || !(inRange[type]?.(key) ?? true);
    })
  ) {
    throw new BadRequest({
      detail:
        'The cursor is malformed or belongs to another listing; pass back the nextCursor you were given.',
      fields: [{ field: 'query.cursor', message: 'malformed cursor' }],
    });
  }
  const values = decoded.k.map((key, i) => literal(columns[i]!.type, params.add(key)));
  if (columns.every((c) => c.direction === columns[0]!.direction)) {
    // One row comparison: what a composite index can answer directly.
    const op = columns[0]!.direction === 'desc' ? '<' : '>';
    return `(${columns.map((c) => c.sql).join(', ')}) ${op} (${values.join(', ')})`;
  }
  const branches = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => `${c.sql} = ${values[j]}`);
    const op = column.direction === 'desc' ? '<' : '>';
    return [...equal, `${column.sql} ${op} ${values[i]}`].join(' AND ');
  });
  return `(${branches.map((b) => `(${b})`).join(' OR ')})`;
}

/** The cursor after the last row of a full page, or null when this was the last page. */
export function nextCursor(keyset: Keyset, rows: Record<string, unknown>[], limit: number): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1]!;
  return encodeCursor({ s: keyset.name, k: keyset.columns.map((_, i) => String(last[`k${i}`])) });
}

function literal(type: KeyType, placeholder: string): string {
  return type === 'timestamp'
    ? `(timestamptz 'epoch' + ${placeholder}::bigint * interval '1 microsecond')`
    : `${placeholder}::${type}`;
}
