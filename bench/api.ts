/**
 * The bench's calls to the public API, typed by the types generated from the public API document
 * (@shop/contracts/public-api) as the end-to-end drivers are (test/e2e/support/api.ts, whose path
 * filling this shares): the setup calls answer the body the document gives their success, and the
 * requests replayed by autocannon are built from a path of the document and the body its operation
 * takes, so a field renamed in a route schema breaks `tsc -b`, not a bench run.
 */
import type { BodyOf, MethodOf, PathParamsOf, QueryOf } from '@shop/contracts/public-api';
import { pathOf, type ApiPath, type BodyAt, type SuccessOf } from '../test/e2e/support/api.js';
import { request } from '../test/e2e/support/shop.js';
import type { BenchRequest } from './scenario.js';

export type { ApiPath };

/** The path parameters, query, body and headers of one call of operation `M` on `P`. */
export type CallOptions<P extends ApiPath, M extends MethodOf<P>> = {
  token?: string;
  headers?: Record<string, string>;
} & ([PathParamsOf<P, M>] extends [never] ? { params?: never } : { params: PathParamsOf<P, M> }) &
  ([QueryOf<P, M>] extends [never] ? { query?: never } : { query?: QueryOf<P, M> }) &
  ([BodyOf<P, M>] extends [never] ? { body?: never } : { body?: BodyOf<P, M> });

type Args<P extends ApiPath, M extends MethodOf<P>> = [PathParamsOf<P, M>] extends [never]
  ? [options?: CallOptions<P, M>]
  : [options: CallOptions<P, M>];

/** What the implementations below take (the signatures narrow it per operation). */
interface LooseOptions {
  token?: string;
  headers?: Record<string, string>;
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * One call through the stack's gateway (the drivers' `request`); `body` is the answer's JSON, typed
 * as the operation's success answer: check `status` before reading it.
 */
export function call<P extends ApiPath, M extends MethodOf<P>>(
  stack: { gatewayUrl: string },
  method: M,
  path: P,
  ...options: Args<P, M>
): Promise<{ status: number; body: BodyAt<NoInfer<P>, NoInfer<M>, SuccessOf<NoInfer<P>, NoInfer<M>>> }>;
export async function call(
  stack: { gatewayUrl: string },
  method: string,
  path: string,
  options: LooseOptions = {},
): Promise<{ status: number; body: unknown }> {
  return request(
    stack.gatewayUrl,
    method.toUpperCase(),
    pathOf(path, options.params, options.query),
    options,
  );
}

/** A request for autocannon: method, path (parameters filled in, query appended) and headers. */
export function benchRequest<P extends ApiPath, M extends MethodOf<P>>(
  method: M,
  path: P,
  ...options: Args<P, M>
): BenchRequest;
export function benchRequest(method: string, path: string, options: LooseOptions = {}): BenchRequest {
  return {
    method: method.toUpperCase() as BenchRequest['method'],
    path: pathOf(path, options.params, options.query),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  };
}

/** A request body as autocannon sends it: the JSON of what the operation takes. */
export function jsonBody<P extends ApiPath, M extends MethodOf<P>>(
  _path: P,
  _method: M,
  body: BodyOf<P, M>,
): string {
  return JSON.stringify(body);
}
