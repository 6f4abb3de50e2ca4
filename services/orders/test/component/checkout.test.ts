import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AccountDeleted,
  AddressNotFound,
  CurrencyMismatch,
  EmptyCart,
  IdempotencyKeyReused,
  ProductUnavailable,
  QuantityTooLarge,
  TooManyUnpaidOrders,
  TooManyUnpaidUnits,
} from '../../src/domain/errors.js';
import { ADDRESS, SETTINGS, Shop } from './fakes/shop.js';
import { CARD } from './fakes/payments.js';

const ALICE = 'user-alice';

describe('checkout, in process', () => {
  test('prices from the catalog, merges repeated products and replays its answer for the same key', async () => {
    const shop = new Shop();
    const mug = shop.products.add({ price: 1250, name: 'Mug' });
    const request = {
      items: [
        { productId: mug, quantity: 1 },
        { productId: mug, quantity: 2 },
      ],
    };
    const first = await shop.checkout(ALICE, request, 'key-1');
    const body = first.body as {
      lines: { quantity: number; unitPrice: number; name: string }[];
      subtotal: number;
    };
    assert.equal(first.replayed, false);
    assert.deepEqual(
      body.lines.map(({ name, unitPrice, quantity }) => ({ name, unitPrice, quantity })),
      [{ name: 'Mug', unitPrice: 1250, quantity: 3 }],
    );
    assert.equal(body.subtotal, 3750);

    const again = await shop.checkout(ALICE, request, 'key-1');
    assert.equal(again.replayed, true);
    assert.deepEqual(again.body, first.body);
    assert.equal(shop.store.all().length, 1);
    assert.equal(shop.products.log.count('reserve'), 1);
    assert.equal(shop.payments.log.count('charge'), 1);

    await assert.rejects(
      shop.checkout(ALICE, { items: [{ productId: mug, quantity: 1 }] }, 'key-1'),
      IdempotencyKeyReused,
    );
  });

  test('a saved address is copied from the address book; an unknown one refuses the checkout', async () => {
    const shop = new Shop();
    const mug = shop.products.add({});
    shop.addresses.save(ALICE, 'addr-1', { ...ADDRESS, name: 'Ada at home' });
    const placed = await shop.checkout(ALICE, {
      shippingAddress: undefined,
      addressId: 'addr-1',
      items: [{ productId: mug, quantity: 1 }],
    });
    assert.equal((placed.body as { shippingAddress: { name: string } }).shippingAddress.name, 'Ada at home');
    assert.deepEqual(shop.addresses.log.calls[0]!.args, [ALICE, 'addr-1']);

    await assert.rejects(
      shop.checkout(
        ALICE,
        { shippingAddress: undefined, addressId: 'addr-2', items: [{ productId: mug, quantity: 1 }] },
        'key-2',
      ),
      AddressNotFound,
    );
    assert.equal(shop.store.all().length, 1, 'no second order');
    assert.deepEqual(shop.keys.keysOf(ALICE).length, 1, 'the refused request forgot its key');
  });

  test('refusals before an order exists store nothing and forget the key', async () => {
    const shop = new Shop();
    const mug = shop.products.add({ currency: 'EUR' });
    const dollars = shop.products.add({ currency: 'USD' });
    const gone = shop.products.add({ status: 'archived' });

    await assert.rejects(shop.checkout(ALICE), EmptyCart);
    await assert.rejects(
      shop.checkout(ALICE, { items: [{ productId: gone, quantity: 1 }] }),
      (error: unknown) =>
        error instanceof ProductUnavailable &&
        (error.extensions as { unavailable: { reason: string }[] }).unavailable[0]!.reason ===
          'product_deleted',
    );
    await assert.rejects(
      shop.checkout(ALICE, {
        items: [
          { productId: mug, quantity: 1 },
          { productId: dollars, quantity: 1 },
        ],
      }),
      CurrencyMismatch,
    );
    await assert.rejects(
      shop.checkout(ALICE, {
        items: [
          { productId: mug, quantity: 99 },
          { productId: mug, quantity: 70 },
        ],
      }),
      (error: unknown) => {
        assert.ok(error instanceof QuantityTooLarge);
        assert.deepEqual(error.extensions, { limit: 99, lines: [{ productId: mug, quantity: 169 }] });
        assert.equal(error.fields, undefined, 'the route names the field, not the domain');
        return true;
      },
    );
    assert.deepEqual(shop.store.all(), []);
    assert.deepEqual(shop.keys.keysOf(ALICE), []);
    assert.equal(shop.products.log.count('reserve'), 0);
    assert.equal(shop.payments.log.count('charge'), 0);
  });

  test('a deleted account cannot check out', async () => {
    const shop = new Shop();
    const mug = shop.products.add({});
    shop.erasures.erased.add(ALICE);
    await assert.rejects(shop.checkout(ALICE, { items: [{ productId: mug, quantity: 1 }] }), AccountDeleted);
    assert.deepEqual(shop.keys.keysOf(ALICE), []);
  });

  test('one customer holds at most so many unpaid orders and units; paying or cancelling frees a place', async () => {
    const shop = new Shop();
    const kettle = shop.products.add({ price: 100, stock: 1000 });
    const unanswered = (quantity: number) =>
      shop.checkout(ALICE, { paymentMethod: CARD.threeDSecure, items: [{ productId: kettle, quantity }] });
    const placed: string[] = [];
    for (let i = 0; i < SETTINGS.unpaid.orders; i++) {
      placed.push(((await unanswered(1)).body as { id: string }).id);
    }
    await assert.rejects(unanswered(1), (error: unknown) => {
      assert.ok(error instanceof TooManyUnpaidOrders);
      assert.deepEqual((error.extensions as { unpaidOrders: string[] }).unpaidOrders, placed);
      return true;
    });
    assert.equal(shop.store.all().length, 3);
    assert.equal(shop.products.stock(kettle).reserved, 3, 'nothing held for the refused one');

    await shop.manage.cancel(placed[0]!, { userId: ALICE, admin: false, support: false });
    assert.equal(((await unanswered(1)).body as { status: string }).status, 'awaiting_payment');

    const bob = new Shop();
    const lamp = bob.products.add({ stock: 1000 });
    await bob.checkout('user-bob', {
      paymentMethod: CARD.threeDSecure,
      items: [{ productId: lamp, quantity: 99 }],
    });
    await bob.checkout('user-bob', {
      paymentMethod: CARD.threeDSecure,
      items: [{ productId: lamp, quantity: 99 }],
    });
    await assert.rejects(
      bob.checkout('user-bob', {
        paymentMethod: CARD.threeDSecure,
        items: [{ productId: lamp, quantity: 3 }],
      }),
      (error: unknown) =>
        error instanceof TooManyUnpaidUnits &&
        JSON.stringify(error.extensions) === JSON.stringify({ limit: 200, held: 198, requested: 3 }),
    );
    const paid = await bob.checkout('user-bob', { items: [{ productId: lamp, quantity: 2 }] });
    assert.equal((paid.body as { status: string }).status, 'paid', 'within the caps');
  });
});
