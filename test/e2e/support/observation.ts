/**
 * Everything the events built, as it stands: the projections in the services' databases, what
 * customers and visitors are shown through the gateway, and the mail each customer received.
 * Two observations are compared before and after a replay.
 */
import type { Product } from './catalog.js';
import type { Customer } from './customers.js';
import type { ShopDatabases } from './databases.js';
import { readProjections, type ProjectionSnapshot } from './projections.js';
import type { Json, Shop } from './shop.js';

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
    const get = async (path: string) => (await shop.call('GET', path, { token: customer.token })).body;
    answers[customer.name] = {
      recommendations: (await get('/api/v1/users/me/recommendations')).items,
      favorites: (await get('/api/v1/users/me/favorites')).items.map((f: Json) => f.productId),
      cart: (await get('/api/v1/cart')).items,
      orders: (await get('/api/v1/orders')).items.map((o: Json) => [o.id, o.status]),
    };
    mails[customer.name] = (await shop.mailbox(customer.email)).map((m) => m.subject).sort();
  }
  for (const [key, product] of Object.entries(world.products)) {
    const get = async (path: string) => (await shop.call('GET', path, { token: world.admin })).body;
    answers[key] = {
      rating: (await get(`/api/v1/products/${product.id}`)).rating,
      reviews: (await get(`/api/v1/products/${product.id}/reviews`)).items,
      related: (await get(`/api/v1/products/${product.id}/related`)).items.map((p: Json) => p.id),
    };
  }
  return { projections: await readProjections(databases), answers, mails };
}
