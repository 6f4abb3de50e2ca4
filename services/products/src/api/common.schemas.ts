import { Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const NoContent = Type.Null({ description: 'No content' });

/** A 304 has no body at all (not even `null`): nothing to serialize. */
export const NotModified = Type.Unsafe<undefined>({ description: 'Not modified' });
