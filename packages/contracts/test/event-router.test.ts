import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  InvalidEventPayload,
  OrderPaid,
  ProductDeleted,
  UnexpectedEventSource,
  allEvents,
  on,
  producerOf,
  routeEvents,
} from '@shop/contracts';

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
    source: 'products',
    payload: { productId: 'p1', version: 2 },
  });
  assert.deepEqual(seen, ['tx:p1']);
  await assert.rejects(
    router.handle('tx', {
      id: 'e2',
      type: 'product.deleted.v1',
      source: 'products',
      payload: { productId: 7 },
    }),
    InvalidEventPayload,
  );
  await router.handle('tx', { id: 'e3', type: OrderPaid.type, source: 'orders', payload: {} }); // not routed: no effect
  assert.deepEqual(seen, ['tx:p1']);
});

test('an event from a service that does not publish its type is refused, whatever it says', async () => {
  const seen: string[] = [];
  const router = routeEvents<string>([on(ProductDeleted, async () => void seen.push('deleted'))], allEvents);
  await assert.rejects(
    router.handle('tx', {
      id: 'e4',
      type: 'product.deleted.v1',
      source: 'orders',
      payload: { productId: 'p1', version: 2 },
    }),
    UnexpectedEventSource,
  );
  assert.deepEqual(seen, [], 'nothing was applied');
});

test('every contract is registered under its versioned type, with the one service that publishes it', () => {
  for (const [type, contract] of Object.entries(allEvents)) assert.equal(contract.type, type);
  for (const type of Object.keys(allEvents)) assert.ok(producerOf[type], type);
  assert.equal(producerOf['user.sessions_revoked.v1'], 'users');
  assert.equal(producerOf['inventory.low_stock.v1'], 'products');
  assert.equal(producerOf['order.paid.v1'], 'orders');
  assert.ok(Object.keys(allEvents).length >= 15);
});
