import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ProductsUnderTest } from './products-under-test.js';
import { bearer } from './products-under-test.js';

let counter = 0;

export async function createCategory(t: ProductsUnderTest, name: string, parentId: string | null = null) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories',
    headers: bearer(t.adminToken),
    payload: { name, parentId },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { id: string; slug: string; name: string; parentId: string | null };
}

export interface ProductOverrides {
  name?: string;
  description?: string;
  brand?: string;
  price?: number;
  categoryId: string;
  status?: 'draft' | 'active' | 'archived';
  attributes?: Record<string, string | number | boolean>;
  sku?: string;
}

export async function createProduct(t: ProductsUnderTest, overrides: ProductOverrides) {
  counter += 1;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/products',
    headers: bearer(t.adminToken),
    payload: {
      sku: overrides.sku ?? `SKU-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      name: overrides.name ?? `Test product ${counter}`,
      description: overrides.description ?? 'A product made for tests.',
      price: overrides.price ?? 1999,
      currency: 'EUR',
      categoryId: overrides.categoryId,
      brand: overrides.brand ?? 'Acme',
      attributes: overrides.attributes ?? {},
      status: overrides.status ?? 'active',
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { id: string; slug: string; version: number; [key: string]: unknown };
}

export async function setStock(t: ProductsUnderTest, productId: string, onHand: number) {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/products/${productId}/inventory`,
    headers: bearer(t.adminToken),
    payload: { onHand },
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { onHand: number; reserved: number; available: number };
}

export async function outboxEvents(t: ProductsUnderTest, aggregateId?: string) {
  const { rows } = await t.db.query<{
    event_type: string;
    aggregate_id: string;
    envelope: { payload: unknown };
  }>(
    `SELECT event_type, aggregate_id, envelope FROM outbox
     WHERE $1::text IS NULL OR aggregate_id = $1 ORDER BY id`,
    [aggregateId ?? null],
  );
  return rows.map((r) => ({ type: r.event_type, aggregateId: r.aggregate_id, payload: r.envelope.payload }));
}

/** A signed-in customer with a fresh id. */
export async function createCustomer(t: ProductsUnderTest, name?: string) {
  const id = randomUUID();
  return { id, token: await t.issuer.userToken(id, ['customer'], name) };
}

export async function writeReview(t: ProductsUnderTest, productId: string, token: string, rating = 4) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${productId}/reviews`,
    headers: bearer(token),
    payload: { rating, title: `${rating} stars`, body: 'Written for a test.' },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json() as { id: string; mine: boolean; verifiedPurchase: boolean; authorName: string };
}
