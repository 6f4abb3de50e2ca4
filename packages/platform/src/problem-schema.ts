import { Type, type TSchema } from 'typebox';

/**
 * The RFC 9457 problem document every error leaves as (see app/problem-handler.ts), for
 * response schemas and the OpenAPI document. Extension members (`unavailable`, …) pass through.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

/** The problem responses of a route, for its schema: `response: { 200: Thing, ...problems(404, 409) }`. */
export function problems(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));
}
