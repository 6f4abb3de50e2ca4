/**
 * Shared by the orders scenarios: the few calls that prepare a customer, a product and its stock
 * through the gateway of the stack the harness started (its admin comes from ADMIN_EMAIL and
 * ADMIN_PASSWORD, which bench/run.ts sets).
 */
import { randomUUID } from 'node:crypto';
import type { Stack } from '@shop/launcher';

export type { BenchRequest } from '../scenario.js';

/** The part of startStack's answer these scenarios use. */
export type OrdersBenchStack = Pick<Stack, 'gatewayUrl' | 'admin'>;

/** The name of every product the orders scenarios create. */
export const BENCH_ITEM = 'Bench item';

export const SHIPPING_ADDRESS = {
  name: 'Bench Customer',
  line1: '1 Load Street',
  line2: null,
  city: 'Paris',
  postalCode: '75001',
  region: null,
  country: 'FR',
  phone: null,
};

export async function call<T = Record<string, unknown>>(
  stack: OrdersBenchStack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${stack.gatewayUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

async function login(stack: OrdersBenchStack, email: string, password: string): Promise<string> {
  const answer = await call<{ accessToken: string }>(stack, 'POST', '/api/v1/auth/login', {
    body: { email, password },
  });
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
  const registered = await call(stack, 'POST', '/api/v1/auth/register', {
    body: { email, password, name: 'Bench Customer' },
  });
  if (registered.status !== 202) throw new Error(`register failed: ${registered.status}`);
  return login(stack, email, password);
}

/** An active product with `stock` units on hand; answers its id. */
export async function stockedProduct(stack: OrdersBenchStack, admin: string, stock: number): Promise<string> {
  const categories = await call<{ items: { id: string }[] }>(stack, 'GET', '/api/v1/categories');
  const categoryId =
    categories.body.items[0]?.id ??
    (
      await call<{ id: string }>(stack, 'POST', '/api/v1/categories', {
        token: admin,
        body: { name: 'Bench' },
      })
    ).body.id;
  const product = await call<{ id: string }>(stack, 'POST', '/api/v1/products', {
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
  const inventory = await call(stack, 'PUT', `/api/v1/products/${product.body.id}/inventory`, {
    token: admin,
    body: { onHand: stock },
  });
  if (inventory.status !== 200) throw new Error(`stock failed: ${inventory.status}`);
  return product.body.id;
}
