/**
 * GET /api/v1/products/{id} through the gateway as a signed-in customer, over 10,000 products of
 * the 100,000 catalogue: the gateway hop, token verification in products, validation, the product
 * (from the replica's cache once read: each is read once first, and that pass is printed too),
 * serialisation, logs and metrics on both sides. Issue 3's target: at least 75 % of the req/s of
 * the forwarder + primary-key read baseline.
 */
import type { Stack } from '@shop/launcher';
import type { BenchRequest } from '../scenario.js';
import { activeProductIds, productPages, readEachOnce } from './products-support.js';
import { registerCustomer } from './users-support.js';

export const name = 'products-detail';
export const baseline = 'forwarder-pk-read';
export const target = { ratio: 0.75 };

export async function setup(stack: Stack): Promise<{ requests: BenchRequest[] }> {
  const [ids, { accessToken }] = await Promise.all([
    activeProductIds(stack, 10_000),
    registerCustomer(stack),
  ]);
  const headers = { authorization: `Bearer ${accessToken}` };
  await readEachOnce(stack, ids, headers);
  return { requests: [productPages(ids, headers)] };
}
