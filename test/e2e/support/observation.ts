/**
 * Everything the events built, as it stands: the projections in the services' databases, what
 * customers and visitors are shown through the gateway, and the mail each customer received.
 * Two observations are compared before and after a replay.
 */
import type { Product } from './catalog.js';
import type { Customer } from './customers.js';
import type { ShopDatabases } from './databases.js';
import { readProjections, type ProjectionSnapshot } from './projections.js';
import { api, bodyOf } from './api.js';
import type { Shop } from './shop.js';

export interface Observation {
  projections: ProjectionSnapshot;
  /** Per customer (by name) and per product (by key): the API's answers. */
  answers: Record<string, unknown>;
  /** Per customer: the subjects of their mail, sorted. */
  mails: Record<string, string[]>;
}

export async function observeShop(
  shop: Shop,
  databases: ShopDatabases,
  world: { admin: string; customers: Customer[]; products: Record<string, Product> },
): Promise<Observation> {
  const answers: Record<string, unknown> = {};
  const mails: Record<string, string[]> = {};
  for (const customer of world.customers) {
    const { token } = customer;
    answers[customer.name] = {
      recommendations: bodyOf(await api(shop, 'get', '/api/v1/users/me/recommendations', { token })).items,
      favorites: bodyOf(await api(shop, 'get', '/api/v1/users/me/favorites', { token })).items.map(
        (f) => f.productId,
      ),
      cart: bodyOf(await api(shop, 'get', '/api/v1/cart', { token })).items,
      orders: bodyOf(await api(shop, 'get', '/api/v1/orders', { token })).items.map((o) => [o.id, o.status]),
    };
    mails[customer.name] = (await shop.mailbox(customer.email)).map((m) => m.subject).sort();
  }
  for (const [key, product] of Object.entries(world.products)) {
    const as = { token: world.admin, params: { id: product.id } };
    answers[key] = {
      rating: bodyOf(await api(shop, 'get', '/api/v1/products/{id}', as)).rating,
      reviews: bodyOf(await api(shop, 'get', '/api/v1/products/{id}/reviews', as)).items,
      related: bodyOf(await api(shop, 'get', '/api/v1/products/{id}/related', as)).items.map((p) => p.id),
    };
  }
  return { projections: await readProjections(databases), answers, mails };
}
