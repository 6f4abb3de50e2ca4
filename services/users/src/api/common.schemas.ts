import { Type, type TProperties, type TSchema } from 'typebox';
import { ProblemSchema } from '@shop/platform';

/** Objects in and out are closed: an unknown field is a 400 naming it, never silently ignored. */
export const Strict = <P extends TProperties>(properties: P, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** Success responses plus the problem documents every route may answer. */
export const responses = <R extends Record<number, TSchema>>(success: R) => ({
  ...success,
  '4xx': ProblemSchema,
  '5xx': ProblemSchema,
});

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
export const Bearer = [{ bearer: [] }];

/** Cursor payloads: validated on decode, so a tampered cursor is a 400, never a SQL error. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const ISO_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
export const CreatedKey = Strict({
  createdAt: Type.String({ pattern: ISO_PATTERN }),
  id: Type.String({ pattern: UUID_PATTERN }),
});
export const AddedKey = Strict({
  addedAt: Type.String({ pattern: ISO_PATTERN }),
  productId: Type.String({ pattern: UUID_PATTERN }),
});
