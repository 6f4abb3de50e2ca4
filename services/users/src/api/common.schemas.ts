import { Type, type TProperties } from 'typebox';

/** Objects in and out are closed: an unknown field is a 400 naming it, never silently ignored. */
export const Strict = <P extends TProperties>(properties: P, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Uuid = Type.String({ format: 'uuid', description: 'UUID' });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** Any non-blank text up to `max` characters. */
export const Text = (max: number, options: { description?: string } = {}) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...options });
export const Timestamp = Type.String({ format: 'date-time' });
export const Cursor = Type.String({
  maxLength: 512,
  description: 'The nextCursor of the previous page, unchanged',
});
export const NoContent = Type.Null({ description: 'No content' });

/** Cursor payloads: validated on decode, so a tampered cursor is a 400, never a SQL error. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
// The shape toISOString writes, from year 1 (PostgreSQL has no year 0), and a real moment:
// `format` refuses a 13th month or a 30 February that the pattern alone would let through.
const ISO_PATTERN = '^(?!0000)\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const Moment = Type.String({ pattern: ISO_PATTERN, format: 'date-time' });
export const CreatedKey = Strict({
  createdAt: Moment,
  id: Type.String({ pattern: UUID_PATTERN }),
});
export const AddedKey = Strict({
  addedAt: Moment,
  productId: Type.String({ pattern: UUID_PATTERN }),
});
