/**
 * Full checkout to `paid` through the gateway: POST /api/v1/orders with a fresh Idempotency-Key
 * per request. Each one prices the order from products, reserves stock, creates and confirms a
 * PaymentIntent at the payment sandbox, commits the stock and answers 201 `paid`, so req/s here
 * is orders/s. Compare with the forwarder + primary-key read baseline.
 */
import { randomUUID } from 'node:crypto';
import { jsonBody } from '../api.js';
import {
  adminToken,
  customerToken,
  SHIPPING_ADDRESS,
  stockedProduct,
  type BenchRequest,
  type OrdersBenchStack,
} from './orders-support.js';

export const name = 'orders-checkout';
export const baseline = 'forwarder-pk-read';

export async function setup(stack: OrdersBenchStack): Promise<{ requests: BenchRequest[] }> {
  const admin = await adminToken(stack);
  const [token, productId] = await Promise.all([
    customerToken(stack),
    stockedProduct(stack, admin, 10_000_000),
  ]);
  const body = jsonBody('/api/v1/orders', 'post', {
    paymentMethod: 'pm_card_visa',
    shippingAddress: SHIPPING_ADDRESS,
    items: [{ productId, quantity: 1 }],
  });
  return {
    requests: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        body,
        setupRequest: (request) => ({
          ...request,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
        }),
      },
    ],
  };
}
