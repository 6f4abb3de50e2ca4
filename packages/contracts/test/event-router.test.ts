import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidEventPayload, OrderPaid, ProductDeleted, allEvents, on, routeEvents } from '@shop/contracts';

test('events are routed by type with payloads checked against their contract', async () => {
  const seen: string[] = [];
  const router = routeEvents<string>(
    [on(ProductDeleted, async (ctx, payload) => void seen.push(`${ctx}:${payload.productId}`))],
    allEvents,
  );
  assert.deepEqual(router.types, ['product.deleted.v1']);
  await router.handle('tx', {
    id: 'e1',
    type: 'product.deleted.v1',
    payload: { productId: 'p1', version: 2 },
  });
  assert.deepEqual(seen, ['tx:p1']);
  await assert.rejects(
    router.handle('tx', { id: 'e2', type: 'product.deleted.v1', payload: { productId: 7 } }),
    InvalidEventPayload,
  );
  await router.handle('tx', { id: 'e3', type: OrderPaid.type, payload: {} }); // not routed: no effect
  assert.deepEqual(seen, ['tx:p1']);
});

test('every contract is registered under its versioned type', () => {
  for (const [type, contract] of Object.entries(allEvents)) assert.equal(contract.type, type);
  assert.ok(Object.keys(allEvents).length >= 15);
});
