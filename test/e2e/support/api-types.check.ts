/**
 * Type-level tests of the end-to-end drivers and the bench's calls, compiled by `tsc -b` (the
 * scripts project) and never run (nothing imports this file): what they send and read are the
 * types generated from the public API document. Should one of these stop holding (a driver typed
 * `any` again, a hand-written copy of a shape), `tsc -b` fails. The storefront has the same
 * checks in services/gateway/storefront.types-check.ts.
 */
import type { BodyOf, ResponseOf } from '@shop/contracts/public-api';
import { benchRequest, call, jsonBody } from '../../../bench/api.js';
import { api, bodyOf, expectStatus } from './api.js';
import type { createCategory, stockOf } from './catalog.js';
import type { checkout, logIn, putInCart, review, shippingAddress } from './customers.js';
import type { Answer, Shop } from './shop.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Resolved<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

// What the drivers answer is the document's answer.
export type Checks = [
  Expect<Equal<Resolved<typeof createCategory>, ResponseOf<'/api/v1/categories', 'post', 201>>>,
  Expect<Equal<Resolved<typeof putInCart>, ResponseOf<'/api/v1/cart/items/{productId}', 'put'>>>,
  Expect<Equal<Resolved<typeof review>, ResponseOf<'/api/v1/products/{id}/reviews', 'post', 201>>>,
  Expect<
    Equal<Resolved<typeof stockOf>['onHand'], ResponseOf<'/api/v1/products/{id}/inventory', 'get'>['onHand']>
  >,
  Expect<Equal<Resolved<typeof logIn>, ResponseOf<'/api/v1/auth/login', 'post'>['accessToken']>>,
  Expect<
    Equal<
      ReturnType<typeof shippingAddress>,
      NonNullable<BodyOf<'/api/v1/orders', 'post'>['shippingAddress']>
    >
  >,
  // checkout's answer is checked by its callers, status first.
  Expect<Equal<Resolved<typeof checkout>, Answer>>,
];

export async function misuses(shop: Shop): Promise<void> {
  const created = await api(shop, 'post', '/api/v1/categories', { body: { name: 'x' }, expect: 201 });
  // @ts-expect-error a field a category does not have
  void created.body.title;
  // @ts-expect-error a status the operation does not answer
  await api(shop, 'post', '/api/v1/categories', { body: { name: 'x' }, expect: 418 });
  // @ts-expect-error a body field the operation does not take
  await api(shop, 'post', '/api/v1/categories', { body: { title: 'x' } });
  // @ts-expect-error a path the document does not have
  await api(shop, 'get', '/api/v1/carts');
  // @ts-expect-error a method the path does not have
  await api(shop, 'post', '/api/v1/cart');
  // @ts-expect-error the path parameter is required
  await api(shop, 'get', '/api/v1/orders/{id}', {});
  const cart = await api(shop, 'get', '/api/v1/cart');
  // @ts-expect-error a field the cart does not have
  void bodyOf(cart).itemsCount;
  // @ts-expect-error a field the cart does not have
  void expectStatus(cart, 200).body.itemsCount;

  const stack = { gatewayUrl: 'http://gateway' };
  const order = await call(stack, 'get', '/api/v1/orders/{id}', { params: { id: 'o' } });
  // @ts-expect-error a field an order does not have
  void order.body.state;
  // @ts-expect-error the quantity is a number
  jsonBody('/api/v1/cart/items/{productId}', 'put', { quantity: '1' });
  // @ts-expect-error the product id is a path parameter, required
  benchRequest('put', '/api/v1/cart/items/{productId}');
}
