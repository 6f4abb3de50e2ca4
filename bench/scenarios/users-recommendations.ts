/**
 * GET /api/v1/users/me/recommendations through the gateway for a customer with a purchase
 * history: token and session check, one ranking query over the recommendation projections,
 * one batch lookup at products (every candidate's status and stock), then the answer. The
 * history is real: customers check out overlapping baskets of seeded products, and the bench
 * waits until the paid orders have reached the user service as events.
 */
import type { Stack } from '@shop/launcher';
import { benchRequest } from '../api.js';
import type { BenchRequest } from '../scenario.js';
import { BENCH_ITEM, SHIPPING_ADDRESS, call } from './orders-support.js';
import { registerCustomer } from './users-support.js';

export const name = 'users-recommendations';
export const baseline = 'forwarder-pk-read';

const BASKETS = [
  [0, 1, 2],
  [0, 1, 3],
  [0, 1],
  [0, 2, 4],
  [1, 5, 6],
  [3, 7],
  [5, 6, 8],
  [0, 9],
];

export async function setup(stack: Stack): Promise<{ requests: BenchRequest[] }> {
  // Seeded products only: the orders scenarios' "Bench item"s may be sold out by the time an
  // order reaches them, and a rejected basket teaches the model nothing.
  const found = await call(stack, 'get', '/api/v1/products', { query: { inStock: true, limit: 100 } });
  const products = found.body.items.filter((p) => p.name !== BENCH_ITEM).map((p) => p.id);
  if (products.length < 12)
    throw new Error(`the catalogue has ${products.length} products in stock; seed it`);

  for (const basket of BASKETS)
    await checkout(
      stack,
      basket.map((i) => products[i]!),
    );
  const { token: me, orderId } = await checkout(stack, [products[0]!]);

  // The paid orders reach the user service as events: wait until they shape the answer.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await call(stack, 'get', '/api/v1/users/me/recommendations', { token: me });
    if (answer.status === 200 && answer.body.items.some((i) => i.reason.startsWith('Because you bought')))
      break;
    if (Date.now() > deadline) {
      const order = await call(stack, 'get', '/api/v1/orders/{id}', { token: me, params: { id: orderId } });
      throw new Error(
        `recommendations did not reflect the purchases (the customer's order is ${order.body.status}): ${JSON.stringify(answer)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    requests: [
      benchRequest('get', '/api/v1/users/me/recommendations', {
        query: { limit: 10 },
        headers: { authorization: `Bearer ${me}` },
      }),
    ],
  };
}

/** A new customer who pays for one of each of these products; answers their token and order. */
async function checkout(stack: Stack, productIds: string[]): Promise<{ token: string; orderId: string }> {
  const { accessToken } = await registerCustomer(stack);
  const order = await call(stack, 'post', '/api/v1/orders', {
    token: accessToken,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: {
      paymentMethod: 'pm_card_visa',
      shippingAddress: SHIPPING_ADDRESS,
      items: productIds.map((productId) => ({ productId, quantity: 1 })),
    },
  });
  if (order.status !== 201)
    throw new Error(`checkout answered ${order.status}: ${JSON.stringify(order.body)}`);
  return { token: accessToken, orderId: order.body.id };
}
