/**
 * Add to cart through the gateway: PUT /api/v1/cart/items/{productId}, a signed-in customer
 * changing quantities (each request validates the product against products' batch lookup and
 * answers the priced cart). Compare with the forwarder + primary-key read baseline.
 */
import { benchRequest, jsonBody } from '../api.js';
import {
  adminToken,
  customerToken,
  stockedProduct,
  type BenchRequest,
  type OrdersBenchStack,
} from './orders-support.js';

export const name = 'orders-add-to-cart';
export const baseline = 'forwarder-pk-read';

export async function setup(stack: OrdersBenchStack): Promise<{ requests: BenchRequest[] }> {
  const admin = await adminToken(stack);
  const [token, productId] = await Promise.all([
    customerToken(stack),
    stockedProduct(stack, admin, 1_000_000),
  ]);
  let quantity = 0;
  return {
    requests: [
      {
        ...benchRequest('put', '/api/v1/cart/items/{productId}', {
          params: { productId },
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        }),
        setupRequest: (request) => ({
          ...request,
          body: jsonBody('/api/v1/cart/items/{productId}', 'put', { quantity: (quantity++ % 99) + 1 }),
        }),
      },
    ],
  };
}
