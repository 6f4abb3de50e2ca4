/**
 * Shared by the orders scenarios: the few calls that prepare a customer, a product and its stock
 * through the gateway of the stack the harness started (its admin comes from ADMIN_EMAIL and
 * ADMIN_PASSWORD, which bench/run.ts sets).
 */
import { randomUUID } from 'node:crypto';
import type { BodyOf } from '@shop/contracts/public-api';
import type { Stack } from '@shop/launcher';
import { call } from '../api.js';

export type { BenchRequest } from '../scenario.js';
export { call };

/** The part of startStack's answer these scenarios use. */
export type OrdersBenchStack = Pick<Stack, 'gatewayUrl' | 'admin'>;

/** The name of every product the orders scenarios create. */
export const BENCH_ITEM = 'Bench item';

export const SHIPPING_ADDRESS: NonNullable<BodyOf<'/api/v1/orders', 'post'>['shippingAddress']> = {
  name: 'Bench Customer',
  line1: '1 Load Street',
  line2: null,
  city: 'Paris',
  postalCode: '75001',
  region: null,
  country: 'FR',
  phone: null,
};

async function login(stack: OrdersBenchStack, email: string, password: string): Promise<string> {
  const answer = await call(stack, 'post', '/api/v1/auth/login', { body: { email, password } });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status}`);
  return answer.body.accessToken;
}

export function adminToken(stack: OrdersBenchStack): Promise<string> {
  if (!stack.admin) throw new Error('the stack has no admin: set ADMIN_EMAIL and ADMIN_PASSWORD');
  return login(stack, stack.admin.email, stack.admin.password);
}

export async function customerToken(stack: OrdersBenchStack): Promise<string> {
  const email = `bench-${randomUUID()}@shop.test`;
  const password = 'bench passphrase long enough 7';
  const registered = await call(stack, 'post', '/api/v1/auth/register', {
    body: { email, password, name: 'Bench Customer' },
  });
  if (registered.status !== 202) throw new Error(`register failed: ${registered.status}`);
  return login(stack, email, password);
}

/** An active product with `stock` units on hand; answers its id. */
export async function stockedProduct(stack: OrdersBenchStack, admin: string, stock: number): Promise<string> {
  const categories = await call(stack, 'get', '/api/v1/categories');
  const categoryId =
    categories.body.items[0]?.id ??
    (
      await call(stack, 'post', '/api/v1/categories', {
        token: admin,
        body: { name: 'Bench' },
      })
    ).body.id;
  const product = await call(stack, 'post', '/api/v1/products', {
    token: admin,
    body: {
      sku: `BENCH-${randomUUID().slice(0, 12)}`,
      name: BENCH_ITEM,
      description: 'Made for load',
      price: 1999,
      currency: 'EUR',
      categoryId,
      brand: 'Bench',
      status: 'active',
    },
  });
  if (product.status !== 201) throw new Error(`product failed: ${product.status}`);
  const inventory = await call(stack, 'put', '/api/v1/products/{id}/inventory', {
    token: admin,
    params: { id: product.body.id },
    body: { onHand: stock },
  });
  if (inventory.status !== 200) throw new Error(`stock failed: ${inventory.status}`);
  return product.body.id;
}
