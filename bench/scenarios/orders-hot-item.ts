/**
 * Hot-item contention: 1,000 checkouts at once (all in flight; `concurrency` can bound it) for a product
 * with 100 units. Reports the time until every checkout is answered and every order settled,
 * and checks the books: exactly 100 paid, 900 rejected, stock 0, nothing oversold.
 */
import { randomUUID } from 'node:crypto';
import {
  adminToken,
  call,
  customerToken,
  SHIPPING_ADDRESS,
  stockedProduct,
  type OrdersBenchStack,
} from './orders-support.js';

export const name = 'orders-hot-item';

export interface HotItemResult {
  checkouts: number;
  units: number;
  settleMs: number;
  paid: number;
  rejected: number;
  other: number;
  oversold: number;
  stockLeft: { onHand: number; reserved: number };
}

export async function run(
  stack: OrdersBenchStack,
  { checkouts = 1000, units = 100, concurrency = 1000, customers = 20 } = {},
): Promise<HotItemResult> {
  const admin = await adminToken(stack);
  const productId = await stockedProduct(stack, admin, units);
  const tokens = await Promise.all(Array.from({ length: customers }, () => customerToken(stack)));
  const statuses: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < checkouts) {
        const index = next++;
        const answer = await call(stack, 'post', '/api/v1/orders', {
          token: tokens[index % tokens.length]!,
          headers: { 'idempotency-key': randomUUID() },
          body: {
            paymentMethod: 'pm_card_visa',
            shippingAddress: SHIPPING_ADDRESS,
            items: [{ productId, quantity: 1 }],
          },
        });
        statuses.push(answer.status === 201 ? answer.body.status : `http_${answer.status}`);
      }
    }),
  );
  const settleMs = performance.now() - started;
  const stock = await call(stack, 'get', '/api/v1/products/{id}/inventory', {
    token: admin,
    params: { id: productId },
  });
  const paid = statuses.filter((s) => s === 'paid').length;
  const rejected = statuses.filter((s) => s === 'rejected').length;
  return {
    checkouts,
    units,
    settleMs: Math.round(settleMs),
    paid,
    rejected,
    other: checkouts - paid - rejected,
    oversold: Math.max(0, paid - units) + Math.max(0, -stock.body.onHand),
    stockLeft: { onHand: stock.body.onHand, reserved: stock.body.reserved },
  };
}
