/**
 * A cart holds at most 100 products and 99 units of each, however it is filled: by reorder, and by
 * requests that race each other. A change refused by a cap writes nothing.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Customer, ProductRef } from './support/shop.js';
import type { OrdersUnderTest } from './support/orders-under-test.js';

/** Registered by a test file that shares its world (one world start less per run). */
export function cartCapsTests(shared: () => OrdersUnderTest): void {
  let world: OrdersUnderTest;
  let products: ProductRef[];
  let extra: ProductRef;

  const cartOf = async (customer: Customer) =>
    (
      await world.db.query('SELECT product_id, quantity FROM cart_items WHERE user_id = $1', [customer.id])
    ).rows.map((row) => ({ productId: row.product_id as string, quantity: row.quantity as number }));
  const put = (customer: Customer, productId: string, quantity: number) =>
    world.api('PUT', `/api/v1/cart/items/${productId}`, { token: customer.token, body: { quantity } });
  const reorder = (customer: Customer, orderId: string) =>
    world.api('POST', `/api/v1/orders/${orderId}/reorder`, { token: customer.token });

  /** A paid order of one unit of each of `of`, placed with explicit items (the cart is left alone). */
  async function paidOrder(customer: Customer, of: ProductRef[], quantity = 1): Promise<string> {
    const answer = await world.checkout(customer, {
      items: of.map((product) => ({ productId: product.id, quantity })),
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'paid');
    return answer.body.id;
  }

  describe('cart caps', () => {
    before(async () => {
      world = shared();
      await world.shop.admin(); // one sign-in, before the products are made in parallel
      products = [];
      // A few at a time: 101 products through products' API.
      for (let i = 0; i < 100; i += 10) {
        products.push(
          ...(await Promise.all(
            Array.from({ length: 10 }, () => world.shop.product({ price: 100, stock: 500 })),
          )),
        );
      }
      extra = await world.shop.product({ price: 100, stock: 500 });
    });

    test('reorder stops a line at 99 units and says so', async () => {
      const carol = await world.shop.customer('Carol');
      const [product] = products;
      const orderId = await paidOrder(carol, [product!], 60);
      assert.equal((await put(carol, product!.id, 60)).status, 200);

      const answer = await reorder(carol, orderId);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.added, [{ productId: product!.id, quantity: 39 }]);
      assert.deepEqual(answer.body.limited, [
        { productId: product!.id, name: product!.name, ordered: 60, added: 39, limit: 99 },
      ]);
      assert.deepEqual(await cartOf(carol), [{ productId: product!.id, quantity: 99 }]);

      // Once full, a further reorder adds nothing to that line.
      const again = await reorder(carol, orderId);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.added, []);
      assert.deepEqual(await cartOf(carol), [{ productId: product!.id, quantity: 99 }]);
    });

    test('reorder that would take the cart past 100 products is a 422, and the cart is unchanged', async () => {
      const dave = await world.shop.customer('Dave');
      const orderId = await paidOrder(dave, products);
      assert.equal((await put(dave, extra.id, 2)).status, 200);

      const answer = await reorder(dave, orderId);
      assert.equal(answer.status, 422, `reorder answered ${answer.status} ${answer.body.code ?? ''}`);
      assert.equal(answer.body.code, 'cart_full');
      assert.equal(answer.body.limit, 100);
      assert.deepEqual(await cartOf(dave), [{ productId: extra.id, quantity: 2 }], 'nothing was added');

      // With room for them, the same reorder fills the cart to exactly 100 products.
      assert.equal((await world.api('DELETE', '/api/v1/cart', { token: dave.token })).status, 204);
      const filled = await reorder(dave, orderId);
      assert.equal(filled.status, 200, `reorder answered ${filled.status} ${filled.body.code ?? ''}`);
      assert.equal((await cartOf(dave)).length, 100);
      assert.equal(filled.body.cart.items.length, 100);
    });

    test('two products added at once to a cart one short of full: one goes in, the other is a 422', async () => {
      const erin = await world.shop.customer('Erin');
      const orderId = await paidOrder(erin, products);
      assert.equal((await reorder(erin, orderId)).status, 200);
      const [last] = products.slice(-1);
      assert.equal(
        (await world.api('DELETE', `/api/v1/cart/items/${last!.id}`, { token: erin.token })).status,
        204,
      );
      assert.equal((await cartOf(erin)).length, 99);

      const answers = await Promise.all([put(erin, last!.id, 1), put(erin, extra.id, 1)]);
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [200, 422],
        JSON.stringify(answers.map((a) => a.body.code ?? 'cart')),
      );
      assert.equal(answers.find((a) => a.status === 422)!.body.code, 'cart_full');
      assert.equal((await cartOf(erin)).length, 100, 'the cart stopped at 100 products');

      // Changing a line already there is still allowed in a full cart.
      assert.equal((await put(erin, products[0]!.id, 5)).status, 200);
    });
  });
}
