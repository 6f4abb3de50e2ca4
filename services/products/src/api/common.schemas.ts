import { Type, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** RFC 9457 problem document; extension members (e.g. `unavailable`) pass through. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** Problem responses of a route, for its OpenAPI entry: `...problems(400, 404)`. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, Problem]));
}

export const NoContent = Type.Null({ description: 'No content' });

/** A 304 has no body at all (not even `null`): nothing to serialize. */
export const NotModified = Type.Unsafe<undefined>({ description: 'Not modified' });

export const bearer = [{ bearer: [] }];
