/**
 * Typed calls to the public API through the gateway. The path is the document's (`{id}` and the
 * like given apart in `params`), the body and query are what that operation takes, and the answer of
 * the `expect`ed status is what that operation answers there: all of it from the types generated
 * from the public API document (@shop/contracts/public-api), so that a field renamed in a route
 * schema breaks `tsc -b`, not only a test run.
 *
 *   const created = await api(shop, 'post', '/api/v1/categories', { token, body: { name }, expect: 201 });
 *   created.body.slug; // string, as the document says
 */
import assert from 'node:assert/strict';
import type {
  BodyOf,
  MethodOf,
  OperationOf,
  PathParamsOf,
  paths,
  QueryOf,
  ResponseOf,
  StatusOf,
} from '@shop/contracts/public-api';
import type { Answer, Shop } from './shop.js';

export type ApiPath = keyof paths;

/**
 * What `api()` sends: the token, more headers, and the operation's parameters and body; `what`
 * names the call in the message of a failed `expect` (`${what}: ${body}`; the body alone without).
 */
export type ApiOptions<P extends ApiPath, M extends MethodOf<P>> = {
  token?: string;
  headers?: Record<string, string>;
  what?: string;
} & ([QueryOf<P, M>] extends [never] ? { query?: never } : { query?: QueryOf<P, M> }) &
  ([PathParamsOf<P, M>] extends [never] ? { params?: never } : { params: PathParamsOf<P, M> }) &
  ([BodyOf<P, M>] extends [never]
    ? { body?: never }
    : OperationOf<P, M> extends { requestBody: unknown }
      ? { body: BodyOf<P, M> }
      : { body?: BodyOf<P, M> });

/** An answer whose status was checked: its body is what the document says that status carries. */
export interface TypedAnswer<B> extends Omit<Answer, 'body'> {
  body: B;
}

/** An answer of the operation `M` on `P`, not checked yet (see expectStatus). */
export interface ApiAnswer<P extends ApiPath, M extends MethodOf<P>> extends Answer {
  /** Types only: which operation answered. */
  readonly operation?: [P, M];
}

/** The body of the answer `S` (unknown for one without a JSON body, such as a 204). */
export type BodyAt<P extends ApiPath, M extends MethodOf<P>, S extends StatusOf<P, M>> = [
  ResponseOf<P, M, S>,
] extends [never]
  ? unknown
  : ResponseOf<P, M, S>;

type Args<P extends ApiPath, M extends MethodOf<P>, Extra> = [PathParamsOf<P, M>] extends [never]
  ? OperationOf<P, M> extends { requestBody: unknown }
    ? [options: ApiOptions<P, M> & Extra]
    : [options?: ApiOptions<P, M> & Extra]
  : [options: ApiOptions<P, M> & Extra];

/**
 * `path` with its parameters filled in (each URI-encoded) and the query appended (a list is the
 * parameter repeated).
 */
export function pathOf(
  path: string,
  params: Record<string, string | number> = {},
  query: Record<string, unknown> = {},
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path} needs its ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * Asserts the answer's status (the message shows the body, after `what: ` when given) and gives it
 * back with its body typed as the document says that status carries.
 */
export function expectStatus<P extends ApiPath, M extends MethodOf<P>, S extends StatusOf<P, M>>(
  answer: ApiAnswer<P, M>,
  status: S,
  what?: string,
): TypedAnswer<BodyAt<P, M, S>> {
  const body = JSON.stringify(answer.body);
  assert.equal(answer.status, status, what === undefined ? body : `${what}: ${body}`);
  return answer as TypedAnswer<BodyAt<P, M, S>>;
}

/** The statuses of an operation that mean it was done. */
export type SuccessOf<P extends ApiPath, M extends MethodOf<P>> = Extract<
  StatusOf<P, M>,
  200 | 201 | 202 | 204
>;

/**
 * The answer's body read as the document's success answer, without checking the status: for reads
 * that record or compare whatever came back.
 */
export function bodyOf<P extends ApiPath, M extends MethodOf<P>>(
  answer: ApiAnswer<P, M>,
): BodyAt<P, M, SuccessOf<P, M>> {
  return answer.body as BodyAt<P, M, SuccessOf<P, M>>;
}

/**
 * Calls one operation of the public API through `shop`'s gateway. With `expect`, the status is
 * asserted as expectStatus does and the body is typed as that answer's; without, the answer is the
 * caller's to check, as `shop.call`'s is (expectStatus types it then).
 */
export function api<P extends ApiPath, M extends MethodOf<P>, S extends StatusOf<P, M>>(
  shop: Pick<Shop, 'call'>,
  method: M,
  path: P,
  ...options: Args<P, M, { expect: S }>
): Promise<TypedAnswer<BodyAt<NoInfer<P>, NoInfer<M>, NoInfer<S>>>>;
export function api<P extends ApiPath, M extends MethodOf<P>>(
  shop: Pick<Shop, 'call'>,
  method: M,
  path: P,
  ...options: Args<P, M, { expect?: undefined }>
): Promise<ApiAnswer<NoInfer<P>, NoInfer<M>>>;
export async function api(
  shop: Pick<Shop, 'call'>,
  method: string,
  path: string,
  options: {
    token?: string;
    headers?: Record<string, string>;
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
    expect?: number;
    what?: string;
  } = {},
): Promise<Answer> {
  const { params, query, expect, what, ...call } = options;
  const answer = await shop.call(method.toUpperCase(), pathOf(path, params, query), call);
  if (expect === undefined) return answer;
  const body = JSON.stringify(answer.body);
  assert.equal(answer.status, expect, what === undefined ? body : `${what}: ${body}`);
  return answer;
}
