import { Type, type TSchema, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { BadRequest } from './errors.js';

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url JSON.
 * Decoding validates the shape so a tampered cursor is a clear 400, never a SQL error.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends TSchema>(
  cursor: string | undefined,
  schema: T,
  /** What the schema cannot say (a real moment, a value the column can hold). */
  valid: (key: Static<T>) => boolean = () => true,
): Static<T> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Value.Check(schema, parsed) || !valid(parsed)) throw invalidCursor();
  return parsed;
}

function invalidCursor(): BadRequest {
  return new BadRequest({
    detail: 'The cursor is malformed; pass back the nextCursor of a previous page unchanged.',
    fields: [{ field: 'query.cursor', message: 'malformed cursor' }],
  });
}

/** A page of a list: what every list endpoint answers. */
export const PageSchema = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const LimitSchema = (max = 100, fallback = 20) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback, description: `Page size, at most ${max}` });
