/**
 * Type-level tests of the storefront's API client (public/js/api.js), compiled with the storefront
 * by `tsc -b` (tsconfig.storefront.json) and never run: what it sends and answers are the types
 * generated from the public API document, so that a renamed field fails the type check. Should
 * one of these stop holding (the client typed `any`, a hand-written copy of a shape), `tsc -b` fails.
 */
import type { BodyOf, ResponseOf } from '@shop/contracts/public-api';
import type { Answer, Api, Body } from './public/js/api.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// Answers and bodies are the document's, not copies of them.
export type Checks = [
  Expect<Equal<Answer<'/api/v1/cart', 'get'>, ResponseOf<'/api/v1/cart', 'get'>>>,
  Expect<Equal<Answer<'/api/v1/orders', 'post'>, ResponseOf<'/api/v1/orders', 'post', 201>>>,
  Expect<Equal<Answer<'/api/v1/products/{id}', 'get'>, ResponseOf<'/api/v1/products/{id}', 'get'>>>,
  Expect<Equal<Body<'/api/v1/orders', 'post'>, BodyOf<'/api/v1/orders', 'post'>>>,
  // A 204 answers nothing.
  Expect<Equal<Answer<'/api/v1/cart/items/{productId}', 'delete'>, undefined>>,
];

export async function misuses(api: Api): Promise<void> {
  const cart = await api.get('/api/v1/cart');
  // @ts-expect-error a field the cart does not have
  void cart.itemsCount;
  // @ts-expect-error a path the document does not have
  await api.get('/api/v1/carts');
  // @ts-expect-error the order's id is a path parameter, required
  await api.get('/api/v1/orders/{id}');
  // @ts-expect-error the quantity is a number
  await api.put('/api/v1/cart/items/{productId}', { quantity: '2' }, { params: { productId: 'p' } });
  // @ts-expect-error no such query parameter
  await api.get('/api/v1/orders', { query: { pageSize: 20 } });
}
