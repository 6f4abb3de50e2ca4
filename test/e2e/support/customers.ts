/** What customers (and the admin serving them) do through the gateway; each step checks it was accepted. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BodyOf } from '@shop/contracts/public-api';
import { api } from './api.js';
import type { Answer, Shop } from './shop.js';

export const PASSWORD = 'a customer passphrase 4 e2e';

export interface Customer {
  id: string;
  name: string;
  email: string;
  token: string;
}

export function shippingAddress(
  name: string,
): NonNullable<BodyOf<'/api/v1/orders', 'post'>['shippingAddress']> {
  return {
    name,
    line1: '1 Market Street',
    line2: null,
    city: 'Lyon',
    postalCode: '69001',
    region: null,
    country: 'FR',
    phone: null,
  };
}

/** Registers and logs in (the address stays unverified; the journey verifies its own). */
export async function registerCustomer(shop: Shop, name: string): Promise<Customer> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@shop.test`;
  await api(shop, 'post', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
    expect: 202,
  });
  // The answer names no account (it is the same for a taken address): the id comes from /users/me.
  const token = await logIn(shop, email);
  const me = await api(shop, 'get', '/api/v1/users/me', { token, expect: 200 });
  return { id: me.body.id, name, email, token };
}

export async function logIn(shop: Shop, email: string): Promise<string> {
  const login = await api(shop, 'post', '/api/v1/auth/login', {
    body: { email, password: PASSWORD },
    expect: 200,
  });
  return login.body.accessToken;
}

export async function putInCart(shop: Shop, customer: Customer, productId: string, quantity: number) {
  const put = await api(shop, 'put', '/api/v1/cart/items/{productId}', {
    token: customer.token,
    params: { productId },
    body: { quantity },
    expect: 200,
  });
  return put.body;
}

export async function favorite(shop: Shop, customer: Customer, productId: string) {
  await api(shop, 'put', '/api/v1/users/me/favorites/{productId}', {
    token: customer.token,
    params: { productId },
    expect: 204,
  });
}

/** Checks the cart out; the answer is the order as the saga left it inline. */
export async function checkout(shop: Shop, customer: Customer, paymentMethod: string): Promise<Answer> {
  return api(shop, 'post', '/api/v1/orders', {
    token: customer.token,
    headers: { 'idempotency-key': randomUUID() },
    body: { paymentMethod, shippingAddress: shippingAddress(customer.name) },
  });
}

/** Fills the cart with `lines` and pays by card: the order is `paid`. */
export async function buy(
  shop: Shop,
  customer: Customer,
  lines: { productId: string; quantity: number }[],
): Promise<string> {
  for (const line of lines) await putInCart(shop, customer, line.productId, line.quantity);
  const placed = await checkout(shop, customer, 'pm_card_visa');
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  assert.equal(placed.body.status, 'paid', JSON.stringify(placed.body));
  return placed.body.id as string;
}

export async function ship(shop: Shop, admin: string, orderId: string, trackingNumber: string) {
  await api(shop, 'post', '/api/v1/orders/{id}/ship', {
    token: admin,
    params: { id: orderId },
    body: { carrier: 'La Poste', trackingNumber },
    expect: 200,
  });
}

export async function deliver(shop: Shop, admin: string, orderId: string) {
  await api(shop, 'post', '/api/v1/orders/{id}/deliver', {
    token: admin,
    params: { id: orderId },
    expect: 200,
  });
}

export async function review(shop: Shop, customer: Customer, productId: string, rating: number) {
  const written = await api(shop, 'post', '/api/v1/products/{id}/reviews', {
    token: customer.token,
    params: { id: productId },
    body: { rating, title: `${rating} stars`, body: `${customer.name} gives it ${rating} out of 5.` },
    expect: 201,
  });
  return written.body;
}
