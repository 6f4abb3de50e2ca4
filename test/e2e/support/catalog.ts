/** What an admin does to the catalog, through the gateway; each step checks it was accepted. */
import { randomUUID } from 'node:crypto';
import type { BodyOf } from '@shop/contracts/public-api';
import { api } from './api.js';
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
  const created = await api(shop, 'post', '/api/v1/categories', {
    token: admin,
    body: { name, ...(parentId ? { parentId } : {}) },
    expect: 201,
  });
  return created.body;
}

/** An active product with `onHand` units in stock. */
export async function createProduct(shop: Shop, admin: string, spec: ProductSpec): Promise<Product> {
  const created = await api(shop, 'post', '/api/v1/products', {
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
    expect: 201,
  });
  await setStock(shop, admin, created.body.id, spec.onHand);
  return { id: created.body.id, name: created.body.name };
}

export async function setStock(shop: Shop, admin: string, productId: string, onHand: number) {
  await api(shop, 'put', '/api/v1/products/{id}/inventory', {
    token: admin,
    params: { id: productId },
    body: { onHand },
    expect: 200,
  });
}

export async function stockOf(shop: Shop, admin: string, productId: string) {
  const stock = await api(shop, 'get', '/api/v1/products/{id}/inventory', {
    token: admin,
    params: { id: productId },
    expect: 200,
  });
  return { onHand: stock.body.onHand, reserved: stock.body.reserved };
}

/** Changes a product, with the If-Match its edits require. */
export async function editProduct(
  shop: Shop,
  admin: string,
  productId: string,
  changes: BodyOf<'/api/v1/products/{id}', 'patch'>,
) {
  const params = { id: productId };
  const current = await api(shop, 'get', '/api/v1/products/{id}', { token: admin, params });
  await api(shop, 'patch', '/api/v1/products/{id}', {
    token: admin,
    params,
    body: changes,
    headers: { 'if-match': current.headers.get('etag')! },
    expect: 200,
  });
}

/** Archives a product (`product.deleted.v1`). */
export async function deleteProduct(shop: Shop, admin: string, productId: string) {
  await api(shop, 'delete', '/api/v1/products/{id}', {
    token: admin,
    params: { id: productId },
    expect: 204,
  });
}
