/** What an admin does to the catalog, through the gateway; each step checks it was accepted. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Shop } from './shop.js';

export interface ProductSpec {
  name: string;
  price: number;
  categoryId: string;
  brand: string;
  onHand: number;
  attributes?: Record<string, string>;
}

export interface Product {
  id: string;
  name: string;
}

export async function createCategory(shop: Shop, admin: string, name: string, parentId?: string) {
  const created = await shop.call('POST', '/api/v1/categories', {
    token: admin,
    body: { name, ...(parentId ? { parentId } : {}) },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as { id: string; slug: string; name: string };
}

/** An active product with `onHand` units in stock. */
export async function createProduct(shop: Shop, admin: string, spec: ProductSpec): Promise<Product> {
  const created = await shop.call('POST', '/api/v1/products', {
    token: admin,
    body: {
      sku: `E2E-${randomUUID().slice(0, 8)}`,
      name: spec.name,
      description: `${spec.name}, for the end-to-end tests`,
      price: spec.price,
      currency: 'EUR',
      categoryId: spec.categoryId,
      brand: spec.brand,
      status: 'active',
      ...(spec.attributes ? { attributes: spec.attributes } : {}),
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await setStock(shop, admin, created.body.id, spec.onHand);
  return { id: created.body.id, name: created.body.name };
}

export async function setStock(shop: Shop, admin: string, productId: string, onHand: number) {
  const stocked = await shop.call('PUT', `/api/v1/products/${productId}/inventory`, {
    token: admin,
    body: { onHand },
  });
  assert.equal(stocked.status, 200, JSON.stringify(stocked.body));
}

export async function stockOf(shop: Shop, admin: string, productId: string) {
  const stock = await shop.call('GET', `/api/v1/products/${productId}/inventory`, { token: admin });
  assert.equal(stock.status, 200, JSON.stringify(stock.body));
  return { onHand: stock.body.onHand as number, reserved: stock.body.reserved as number };
}

/** Changes a product, with the If-Match its edits require. */
export async function editProduct(shop: Shop, admin: string, productId: string, changes: object) {
  const current = await shop.call('GET', `/api/v1/products/${productId}`, { token: admin });
  const edited = await shop.call('PATCH', `/api/v1/products/${productId}`, {
    token: admin,
    body: changes,
    headers: { 'if-match': current.headers.get('etag')! },
  });
  assert.equal(edited.status, 200, JSON.stringify(edited.body));
}

/** Archives a product (`product.deleted.v1`). */
export async function deleteProduct(shop: Shop, admin: string, productId: string) {
  const deleted = await shop.call('DELETE', `/api/v1/products/${productId}`, { token: admin });
  assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
}
