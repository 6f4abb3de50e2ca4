import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import type { Customer, ProductRef } from './support/shop.js';
import { startOrders, type OrdersUnderTest } from './support/orders-under-test.js';
import { cartCapsTests } from './cart-caps.js';

describe('cart', () => {
  let world: OrdersUnderTest;
  let alice: Customer;
  let mug: ProductRef;
  let lamp: ProductRef;

  before(async () => {
    world = await startOrders();
    alice = await world.shop.customer('Alice');
    [mug, lamp] = await Promise.all([
      world.shop.product({ price: 1250, stock: 3 }),
      world.shop.product({ price: 4000, stock: 10 }),
    ]);
  });
  after(() => world?.close());

  const cartRows = async (userId: string) =>
    (
      await world.db.query(
        'SELECT product_id, quantity FROM cart_items WHERE user_id = $1 ORDER BY added_at',
        [userId],
      )
    ).rows;

  test('needs a signed-in user', async () => {
    const answer = await world.api('GET', '/api/v1/cart');
    assert.equal(answer.status, 401);
    assert.equal(answer.body.code, 'unauthenticated');
  });

  test('starts empty', async () => {
    const answer = await world.api('GET', '/api/v1/cart', { token: alice.token });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { items: [], itemCount: 0, subtotal: 0, currency: null, stale: false });
  });

  test('lines carry the current price, line totals, availability and a subtotal', async () => {
    await world.api('PUT', `/api/v1/cart/items/${mug.id}`, { token: alice.token, body: { quantity: 2 } });
    const answer = await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, {
      token: alice.token,
      body: { quantity: 1 },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.items.map((line: Record<string, unknown>) => [
        line.productId,
        line.unitPrice,
        line.quantity,
        line.lineTotal,
        line.status,
      ]),
      [
        [mug.id, 1250, 2, 2500, 'available'],
        [lamp.id, 4000, 1, 4000, 'available'],
      ],
    );
    assert.equal(answer.body.subtotal, 6500);
    assert.equal(answer.body.itemCount, 3);
    assert.equal(answer.body.currency, 'EUR');

    assert.deepEqual(
      answer.body.items.map((line: Record<string, unknown>) => [line.addedUnitPrice, line.priceChanged]),
      [
        [1250, false],
        [4000, false],
      ],
    );
  });

  test("today's price shows at once, and the line says it is not the price it was added at", async () => {
    await world.shop.editProduct(mug.id, { price: 1500 });
    const later = await world.api('GET', '/api/v1/cart', { token: alice.token });
    const line = later.body.items[0];
    assert.deepEqual(
      [line.unitPrice, line.addedUnitPrice, line.priceChanged, line.lineTotal],
      [1500, 1250, true, 3000],
    );
    assert.equal(later.body.items[1].priceChanged, false, 'the lamp kept its price');
    assert.equal(later.body.subtotal, 7000);

    // Changing the quantity keeps the price the line was added at (and so the flag).
    const changed = await world.api('PUT', `/api/v1/cart/items/${mug.id}`, {
      token: alice.token,
      body: { quantity: 1 },
    });
    assert.deepEqual(
      [changed.body.items[0].addedUnitPrice, changed.body.items[0].priceChanged],
      [1250, true],
    );
    const { rows } = await world.db.query(
      'SELECT added_name, added_price, added_currency FROM cart_items WHERE user_id = $1 AND product_id = $2',
      [alice.id, mug.id],
    );
    assert.deepEqual(rows, [{ added_name: mug.name, added_price: 1250, added_currency: 'EUR' }]);

    // Back to the price it was added at: nothing to flag.
    await world.shop.editProduct(mug.id, { price: 1250 });
    const back = await world.api('GET', '/api/v1/cart', { token: alice.token });
    assert.deepEqual([back.body.items[0].unitPrice, back.body.items[0].priceChanged], [1250, false]);
    await world.api('PUT', `/api/v1/cart/items/${mug.id}`, { token: alice.token, body: { quantity: 2 } });
  });

  test('more than is in stock is allowed in the cart but flagged', async () => {
    const answer = await world.api('PUT', `/api/v1/cart/items/${mug.id}`, {
      token: alice.token,
      body: { quantity: 5 },
    });
    assert.equal(answer.status, 200);
    const line = answer.body.items.find((l: { productId: string }) => l.productId === mug.id);
    assert.equal(line.status, 'insufficient_stock');
    assert.equal(line.availableQuantity, 3);
  });

  test('quantity 0 removes the line', async () => {
    const answer = await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, {
      token: alice.token,
      body: { quantity: 0 },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      (await cartRows(alice.id)).map((r) => r.product_id),
      [mug.id],
    );
  });

  test('refuses quantities over the cap, unknown fields, unknown and unsold products', async () => {
    const tooMany = await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, {
      token: alice.token,
      body: { quantity: 100 },
    });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.errors[0].field, 'body.quantity');

    const extra = await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, {
      token: alice.token,
      body: { quantity: 1, price: 1 },
    });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.errors[0].field, 'body.price');

    const unknown = await world.api('PUT', `/api/v1/cart/items/${randomUUID()}`, {
      token: alice.token,
      body: { quantity: 1 },
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'product_not_found');

    const draft = await world.shop.product({ stock: 5 });
    await world.shop.editProduct(draft.id, { status: 'draft' });
    const unsold = await world.api('PUT', `/api/v1/cart/items/${draft.id}`, {
      token: alice.token,
      body: { quantity: 1 },
    });
    assert.equal(unsold.status, 422);
    assert.equal(unsold.body.code, 'product_unavailable');

    const badId = await world.api('PUT', '/api/v1/cart/items/not-a-uuid', {
      token: alice.token,
      body: { quantity: 1 },
    });
    assert.equal(badId.status, 400);

    // None of the refused requests touched the cart.
    assert.deepEqual(await cartRows(alice.id), [{ product_id: mug.id, quantity: 5 }]);
  });

  test('each user has their own cart', async () => {
    const bob = await world.shop.customer('Bob');
    const answer = await world.api('GET', '/api/v1/cart', { token: bob.token });
    assert.deepEqual(answer.body.items, []);
  });

  test('DELETE removes a line, then the whole cart', async () => {
    await world.api('PUT', `/api/v1/cart/items/${lamp.id}`, { token: alice.token, body: { quantity: 1 } });
    const removed = await world.api('DELETE', `/api/v1/cart/items/${mug.id}`, { token: alice.token });
    assert.equal(removed.status, 204);
    assert.deepEqual(
      (await cartRows(alice.id)).map((r) => r.product_id),
      [lamp.id],
    );
    const cleared = await world.api('DELETE', '/api/v1/cart', { token: alice.token });
    assert.equal(cleared.status, 204);
    assert.deepEqual(await cartRows(alice.id), []);
  });

  test('a product deleted from the catalog stays as an unavailable line, blocks checkout naming it, and can be removed', async () => {
    const carol = await world.shop.customer('Carol');
    const [kept, gone] = await Promise.all([
      world.shop.product({ price: 900, stock: 5 }),
      world.shop.product({ price: 700, stock: 5 }),
    ]);
    await world.api('PUT', `/api/v1/cart/items/${kept.id}`, { token: carol.token, body: { quantity: 1 } });
    await world.api('PUT', `/api/v1/cart/items/${gone.id}`, { token: carol.token, body: { quantity: 2 } });
    await world.shop.deleteProduct(gone.id);

    const cart = await world.api('GET', '/api/v1/cart', { token: carol.token });
    assert.equal(cart.status, 200);
    assert.deepEqual(cart.body.items[1], {
      productId: gone.id,
      name: gone.name,
      image: null,
      unitPrice: null,
      quantity: 2,
      lineTotal: null,
      status: 'unavailable',
      unavailableReason: 'product_deleted',
      availableQuantity: 0,
      addedUnitPrice: 700,
      priceChanged: false,
    });
    assert.equal(cart.body.subtotal, 900, 'only what can be bought counts');

    // product.deleted.v1 reached orders too, and did not take the line away.
    await waitFor(async () => {
      const { rows } = await world.db.query('SELECT status FROM product_facts WHERE product_id = $1', [
        gone.id,
      ]);
      assert.equal(rows[0]?.status, 'archived', 'the deletion is recorded');
    });
    assert.equal((await cartRows(carol.id)).length, 2);

    const refused = await world.checkout(carol);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'product_unavailable');
    assert.deepEqual(refused.body.unavailable, [
      { productId: gone.id, name: gone.name, reason: 'product_deleted', requested: 2, available: 0 },
    ]);
    assert.match(refused.body.detail, new RegExp(`${gone.name} is no longer sold`));
    const count = async (table: string) =>
      (await world.db.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [carol.id])).rowCount;
    assert.equal(await count('orders'), 0, 'no order');
    assert.equal(await count('idempotency_keys'), 0, 'the key is forgotten, so a retry after fixing works');
    assert.equal((await world.shop.stock(kept.id)).reserved, 0, 'nothing held');

    const removed = await world.api('DELETE', `/api/v1/cart/items/${gone.id}`, { token: carol.token });
    assert.equal(removed.status, 204);
    const placed = await world.checkout(carol);
    assert.equal(placed.status, 201);
    assert.equal(placed.body.status, 'paid');
    assert.deepEqual(
      placed.body.lines.map((line: { productId: string }) => line.productId),
      [kept.id],
    );
  });

  cartCapsTests(() => world);
});
