/**
 * The public API's types, generated from the document the gateway serves (openapi.json next to
 * this file; `npm run openapi` rewrites both): what the storefront, the end-to-end drivers and the
 * bench send and read, so that a field renamed in a route schema breaks their type check.
 *
 *   type Product = ResponseOf<'/api/v1/products/{id}', 'get'>;
 *   type NewAddress = BodyOf<'/api/v1/users/me/addresses', 'post'>;
 */
import type { components, operations, paths } from './openapi.js';

export type { components, operations, paths };

/** The named schemas of the document (`Schemas['Problem']`). */
export type Schemas = components['schemas'];

/** The HTTP methods a path of the document has. */
export type MethodOf<P extends keyof paths> = {
  [M in keyof paths[P]]-?: paths[P][M] extends { responses: unknown } ? M : never;
}[keyof paths[P]];

/** The operation of `method` on `path`. */
export type OperationOf<P extends keyof paths, M extends MethodOf<P>> = Extract<
  paths[P][M],
  { responses: unknown }
>;

type JsonContent<T> = T extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? B
    : C extends { 'application/problem+json': infer B }
      ? B
      : C[keyof C]
  : never;

/** The statuses the operation answers. */
export type StatusOf<P extends keyof paths, M extends MethodOf<P>> = keyof OperationOf<P, M>['responses'];

/** The JSON body of that answer (a problem document for a 4xx), `never` when it has none. */
export type ResponseOf<
  P extends keyof paths,
  M extends MethodOf<P>,
  S extends StatusOf<P, M> = 200 extends StatusOf<P, M> ? 200 : StatusOf<P, M>,
> = JsonContent<OperationOf<P, M>['responses'][S]>;

/** The JSON request body of the operation (`never` when it takes none). */
export type BodyOf<P extends keyof paths, M extends MethodOf<P>> =
  OperationOf<P, M> extends { requestBody?: infer R } ? JsonContent<NonNullable<R>> : never;

/** Its query parameters (`never` when it takes none). */
export type QueryOf<P extends keyof paths, M extends MethodOf<P>> =
  OperationOf<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** Its path parameters (`never` when it takes none). */
export type PathParamsOf<P extends keyof paths, M extends MethodOf<P>> =
  OperationOf<P, M> extends { parameters: { path?: infer Q } } ? NonNullable<Q> : never;

/** An RFC 9457 problem document, as every error answer carries. */
export type Problem = Schemas['Problem'];
