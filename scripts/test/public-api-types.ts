/**
 * Compile-time checks of @shop/contracts/public-api's helpers (`npm run typecheck` runs them): each
 * line stops compiling if a helper stops picking the right part of the generated types.
 */
import type {
  BodyOf,
  PathParamsOf,
  Problem,
  QueryOf,
  ResponseOf,
  Schemas,
} from '../../packages/contracts/src/public-api/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type Checks = [
  Assert<Equal<Problem, Schemas['Problem']>>,
  Assert<Equal<Problem['code'], string>>,
  // The default status is 200; a 4xx is a problem document.
  Assert<ResponseOf<'/api/v1/cart', 'get'> extends { items: unknown[] } ? true : false>,
  Assert<Equal<ResponseOf<'/api/v1/cart', 'get', 401>, Problem>>,
  Assert<BodyOf<'/api/v1/auth/login', 'post'> extends { email: string; password: string } ? true : false>,
  Assert<Equal<BodyOf<'/api/v1/cart', 'get'>, never>>,
  Assert<QueryOf<'/api/v1/orders', 'get'> extends { limit?: number } ? true : false>,
  Assert<Equal<PathParamsOf<'/api/v1/orders/{id}', 'get'>, { id: string }>>,
];
