/** What customers (and the admin serving them) do through the gateway; each step checks it was accepted. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Answer, Shop } from './shop.js';

export const PASSWORD = 'a customer passphrase 4 e2e';

export interface Customer {
  id: string;
  name: string;
  email: string;
  token: string;
}

export function shippingAddress(name: string) {
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
  const registered = await shop.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  assert.equal(registered.status, 202, JSON.stringify(registered.body));
  // The answer names no account (it is the same for a taken address): the id comes from /users/me.
  const token = await logIn(shop, email);
  const me = await shop.call('GET', '/api/v1/users/me', { token });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  return { id: me.body.id as string, name, email, token };
}

export async function logIn(shop: Shop, email: string): Promise<string> {
  const login = await shop.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return login.body.accessToken as string;
}

export async function putInCart(shop: Shop, customer: Customer, productId: string, quantity: number) {
  const put = await shop.call('PUT', `/api/v1/cart/items/${productId}`, {
    token: customer.token,
    body: { quantity },
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return put.body;
}

export async function favorite(shop: Shop, customer: Customer, productId: string) {
  const put = await shop.call('PUT', `/api/v1/users/me/favorites/${productId}`, { token: customer.token });
  assert.equal(put.status, 204, JSON.stringify(put.body));
}

/** Checks the cart out; the answer is the order as the saga left it inline. */
export async function checkout(shop: Shop, customer: Customer, paymentMethod: string): Promise<Answer> {
  return shop.call('POST', '/api/v1/orders', {
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
  const shipped = await shop.call('POST', `/api/v1/orders/${orderId}/ship`, {
    token: admin,
    body: { carrier: 'La Poste', trackingNumber },
  });
  assert.equal(shipped.status, 200, JSON.stringify(shipped.body));
}

export async function deliver(shop: Shop, admin: string, orderId: string) {
  const delivered = await shop.call('POST', `/api/v1/orders/${orderId}/deliver`, { token: admin });
  assert.equal(delivered.status, 200, JSON.stringify(delivered.body));
}

export async function review(shop: Shop, customer: Customer, productId: string, rating: number) {
  const written = await shop.call('POST', `/api/v1/products/${productId}/reviews`, {
    token: customer.token,
    body: { rating, title: `${rating} stars`, body: `${customer.name} gives it ${rating} out of 5.` },
  });
  assert.equal(written.status, 201, JSON.stringify(written.body));
  return written.body as { id: string; verifiedPurchase: boolean };
}
