import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ServiceUnavailable } from '@shop/platform/domain';
import {
  OrderAwaitingPayment,
  OrderCancelled,
  OrderPaid,
  OrderPaymentFailed,
  OrderPlaced,
  OrderRefunded,
  OrderRejected,
} from '@shop/contracts';
import type { Viewer } from '../../src/domain/viewer.js';
import { CARD } from './fakes/payments.js';
import { Crash } from './fakes/power.js';
import { SETTINGS, Shop } from './fakes/shop.js';

const ALICE: Viewer = { userId: 'user-alice', admin: false, support: false };
const timeout = () => new ServiceUnavailable('The payment gateway failed: timed out');

/** A shop with one product (10.00 EUR, 10 in stock) and Alice's order of two of it, placed. */
async function placed(
  paymentMethod: string = CARD.ok,
  setup: (shop: Shop, productId: string) => void = () => {},
) {
  const shop = new Shop();
  const mug = shop.products.add({ price: 1000, stock: 10 });
  setup(shop, mug);
  const answer = await shop.checkout(ALICE.userId, {
    paymentMethod,
    items: [{ productId: mug, quantity: 2 }],
  });
  const [order] = shop.store.all();
  return { shop, mug, answer, orderId: order!.id };
}

const order = (shop: Shop, id: string) => shop.store.all().find((o) => o.id === id)!;

describe('order saga, in process', () => {
  test('reserve → pay → commit: paid, each call made once, and the lease given back', async () => {
    const { shop, mug, answer, orderId } = await placed();
    const body = answer.body as { status: string; total: number; payment: { status: string } };
    assert.equal(answer.status, 201);
    assert.equal(body.status, 'paid');
    assert.equal(body.payment.status, 'succeeded');
    assert.equal(
      body.total,
      2000 + SETTINGS.shipping.fee,
      'priced from the catalog, shipping below the threshold',
    );

    assert.deepEqual(shop.store.statuses(orderId), ['pending', 'awaiting_payment', 'paid']);
    assert.deepEqual(shop.store.eventTypes(orderId), [
      OrderPlaced.type,
      OrderAwaitingPayment.type,
      OrderPaid.type,
    ]);
    assert.deepEqual(shop.products.log.methods(), ['lookup', 'reserve', 'commit']);
    assert.deepEqual(shop.payments.log.methods(), ['charge']);
    assert.deepEqual(shop.payments.log.calls[0]!.args[0], {
      orderId,
      amount: 2499,
      currency: 'EUR',
      paymentMethod: CARD.ok,
      idempotencyKey: `order-${orderId}-payment`,
    });
    assert.deepEqual(shop.reached, [
      'crash-after-reserve',
      'crash-after-payment',
      'crash-before-commit',
      'crash-after-commit',
    ]);
    assert.deepEqual(shop.products.stock(mug), { onHand: 8, reserved: 0 }, 'the hold became a sale');
    assert.equal(order(shop, orderId).stock, 'committed');
    assert.equal(order(shop, orderId).sagaStep, 'done');
    assert.equal(shop.store.sagaOf(orderId).leaseOwner, null);
    assert.equal(shop.store.sagaOf(orderId).wakeAt, null, 'nothing left for the recovery loop');
    assert.deepEqual(shop.log.warnings, []);
  });

  test('an order from the cart clears the ordered products from it once paid', async () => {
    const shop = new Shop();
    const mug = shop.products.add({ price: 1000 });
    const lamp = shop.products.add({ price: 3000 });
    shop.carts.fill(ALICE.userId, [
      { productId: mug, quantity: 1 },
      { productId: lamp, quantity: 2 },
    ]);
    const answer = await shop.checkout(ALICE.userId);
    const body = answer.body as { status: string; shipping: number; total: number };
    assert.equal(body.status, 'paid');
    assert.equal(body.shipping, 0, 'free shipping from 50.00');
    assert.equal(body.total, 7000);
    assert.deepEqual(await shop.carts.items(ALICE.userId), []);
  });

  test('a reservation refused for stock rejects the order: nothing is charged', async () => {
    const shop = new Shop();
    const kettle = shop.products.add({ stock: 1 });
    const refused = await shop.checkout(ALICE.userId, { items: [{ productId: kettle, quantity: 2 }] });
    const [rejected] = shop.store.all();
    assert.equal((refused.body as { status: string }).status, 'rejected');
    assert.deepEqual(shop.store.statuses(rejected!.id), ['pending', 'rejected']);
    assert.deepEqual(shop.store.eventTypes(rejected!.id), [OrderPlaced.type, OrderRejected.type]);
    assert.equal(
      (await shop.store.timeline(rejected!.id)).at(-1)!.reason,
      'Not enough stock for some products.',
    );
    assert.equal(shop.payments.log.count('charge'), 0);
    assert.equal(rejected!.stock, 'none');
    assert.equal(rejected!.sagaStep, 'done');
    assert.deepEqual(shop.products.stock(kettle), { onHand: 1, reserved: 0 });
  });

  test('a product no longer sold when its stock is reserved rejects the order', async () => {
    const { shop, answer, orderId } = await placed(CARD.ok, (s, mug) => {
      s.products.beforeReserve = () => s.products.setStatus(mug, 'archived');
    });
    assert.equal((answer.body as { status: string }).status, 'rejected');
    assert.equal((await shop.store.timeline(orderId)).at(-1)!.reason, 'Some products are no longer sold.');
    assert.equal(shop.payments.log.count('charge'), 0);
  });

  test('a declined payment fails the order, cancels the intent and releases the hold', async () => {
    const { shop, mug, answer, orderId } = await placed(CARD.declined);
    const body = answer.body as { status: string; payment: { status: string; failureReason?: string } };
    assert.equal(body.status, 'payment_failed');
    assert.deepEqual(body.payment, {
      status: 'failed',
      method: CARD.declined,
      failureReason: 'Your card was declined.',
    });
    assert.deepEqual(shop.store.statuses(orderId), ['pending', 'awaiting_payment', 'payment_failed']);
    assert.deepEqual(shop.store.eventTypes(orderId), [
      OrderPlaced.type,
      OrderAwaitingPayment.type,
      OrderPaymentFailed.type,
    ]);
    assert.deepEqual(shop.products.log.methods(), ['lookup', 'reserve', 'release']);
    assert.deepEqual(shop.payments.log.methods(), ['charge', 'cancel']);
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
    assert.equal(order(shop, orderId).stock, 'released');
    assert.equal(shop.payments.refunds.length, 0);
  });

  test('a payment method refused before any intent exists fails the order with nothing to cancel', async () => {
    const { shop, answer } = await placed(CARD.unusable);
    assert.equal((answer.body as { status: string }).status, 'payment_failed');
    assert.deepEqual(shop.payments.log.methods(), ['charge']);
    assert.equal(shop.products.log.count('release'), 1);
  });

  test('a payment call that times out is retried by the recovery loop, after its backoff, with the same key', async () => {
    const { shop, answer, orderId } = await placed(CARD.ok, (s) => s.payments.log.fail('charge', timeout));
    assert.equal((answer.body as { status: string }).status, 'awaiting_payment', 'answered as it stands');
    assert.equal(order(shop, orderId).sagaStep, 'pay');
    assert.equal(shop.log.warnings.length, 1);
    assert.match(shop.store.sagaOf(orderId).error ?? '', /service_unavailable|timed out/);
    assert.equal(shop.store.sagaOf(orderId).leaseOwner, null, 'the lease is given back for a retry');

    await shop.recover();
    assert.equal(shop.payments.log.count('charge'), 1, 'not before the backoff');

    shop.clock.advance(2);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.payments.log.count('charge'), 2);
    const keys = shop.payments.log.calls.map(
      (call) => (call.args[0] as { idempotencyKey: string }).idempotencyKey,
    );
    assert.deepEqual(keys, [`order-${orderId}-payment`, `order-${orderId}-payment`]);
    assert.equal(shop.payments.intents.size, 1);
    assert.equal(shop.products.log.count('commit'), 1);
  });

  test('a charge whose answer was lost is not made twice: the retry gets the same intent', async () => {
    const { shop, orderId } = await placed(CARD.ok, (s) =>
      s.payments.log.fail('charge', timeout, { after: true }),
    );
    assert.equal(shop.payments.intents.size, 1, 'the gateway made it');
    assert.equal(order(shop, orderId).payment.intentId, null, 'orders never heard');
    shop.clock.advance(2);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(order(shop, orderId).payment.intentId, 'pi_1');
    assert.equal(shop.payments.intents.size, 1);
  });

  test('3-D Secure: the order waits; the webhook (once, whatever the redeliveries) lets it commit', async () => {
    const { shop, answer, orderId } = await placed(CARD.threeDSecure);
    const body = answer.body as {
      status: string;
      payment: { status: string; nextAction?: { redirectUrl: string } };
    };
    assert.equal(body.status, 'awaiting_payment');
    assert.equal(body.payment.status, 'requires_action');
    assert.equal(body.payment.nextAction?.redirectUrl, 'https://bank.test/3ds/pi_1');
    assert.equal(order(shop, orderId).sagaStep, 'await_payment');
    assert.equal(shop.store.sagaOf(orderId).leaseOwner, null);

    shop.payments.complete('pi_1', 'succeeded');
    assert.equal(await shop.webhook('payment_intent.succeeded', 'pi_1', 'evt_1'), 'applied');
    assert.equal(await shop.webhook('payment_intent.succeeded', 'pi_1', 'evt_1'), 'duplicate');
    assert.equal(
      await shop.webhook('payment_intent.succeeded', 'pi_1', 'evt_2'),
      'ignored',
      'money arrived is final',
    );
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.payments.log.count('retrieve'), 1);
    assert.equal(shop.products.log.count('commit'), 1);
    assert.deepEqual(shop.store.eventTypes(orderId), [
      OrderPlaced.type,
      OrderAwaitingPayment.type,
      OrderPaid.type,
    ]);
  });

  test('3-D Secure failed: the webhook fails the order and the void gives the stock back', async () => {
    const { shop, mug, orderId } = await placed(CARD.threeDSecure);
    shop.payments.complete('pi_1', 'failed');
    assert.equal(await shop.webhook('payment_intent.payment_failed', 'pi_1'), 'applied');
    const failed = order(shop, orderId);
    assert.equal(failed.status, 'payment_failed');
    assert.equal(failed.payment.status, 'failed', 'the decline is the news, not our own cancel');
    assert.equal(failed.stock, 'released');
    assert.equal(shop.payments.log.count('cancel'), 1);
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
  });

  test('a lost webhook is made up for: the recovery loop polls the intent while the customer pays', async () => {
    const { shop, orderId } = await placed(CARD.threeDSecure);
    shop.payments.complete('pi_1', 'succeeded'); // and the webhook never comes
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'awaiting_payment', 'not polled before the poll interval');
    shop.clock.advance(SETTINGS.pollSeconds + 1);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.payments.log.count('retrieve'), 1);
  });

  test('an unpaid order expires at the payment deadline: cancelled, the intent voided, the hold released', async () => {
    const { shop, mug, orderId } = await placed(CARD.threeDSecure);
    shop.clock.advance(SETTINGS.paymentTimeoutSeconds + 1);
    await shop.recover();
    const expired = order(shop, orderId);
    assert.equal(expired.status, 'cancelled');
    assert.equal(expired.payment.status, 'canceled');
    assert.equal(expired.stock, 'released');
    assert.equal(expired.sagaStep, 'done');
    assert.equal(
      (await shop.store.timeline(orderId)).at(-1)!.reason,
      'The payment was not completed in time.',
    );
    assert.deepEqual(shop.store.eventTypes(orderId), [
      OrderPlaced.type,
      OrderAwaitingPayment.type,
      OrderCancelled.type,
    ]);
    assert.deepEqual(shop.payments.log.methods(), ['charge', 'retrieve', 'cancel']);
    assert.equal(shop.products.log.count('release'), 1);
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
  });

  test('a payment that made it before the deadline is honoured even when found after it', async () => {
    const { shop, orderId } = await placed(CARD.threeDSecure);
    shop.payments.complete('pi_1', 'succeeded');
    shop.clock.advance(SETTINGS.paymentTimeoutSeconds + 1);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.payments.log.count('cancel'), 0);
  });

  test('the hold ran out before the payment succeeded: the order is cancelled and the payment refunded', async () => {
    const { shop, mug, orderId } = await placed(CARD.threeDSecure);
    shop.products.expire(orderId);
    shop.payments.complete('pi_1', 'succeeded');
    assert.equal(await shop.webhook('payment_intent.succeeded', 'pi_1'), 'applied');
    const lost = order(shop, orderId);
    assert.equal(lost.status, 'refunded');
    assert.equal(lost.payment.status, 'refunded');
    assert.equal(lost.payment.refundId, 're_1');
    assert.equal(lost.stock, 'released');
    assert.deepEqual(shop.store.statuses(orderId), ['pending', 'awaiting_payment', 'cancelled', 'refunded']);
    assert.deepEqual(shop.store.eventTypes(orderId), [
      OrderPlaced.type,
      OrderAwaitingPayment.type,
      OrderCancelled.type,
      OrderRefunded.type,
    ]);
    assert.deepEqual(shop.payments.refunds, [{ id: 're_1', intentId: 'pi_1', amount: 2499 }]);
    assert.equal(shop.products.log.count('commit'), 1);
    assert.equal(shop.products.log.count('restock'), 0);
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
  });

  test('a paid order cancelled by its customer is refunded and its sold units restocked', async () => {
    const { shop, mug, orderId } = await placed();
    const view = await shop.manage.cancel(orderId, ALICE);
    assert.equal(view.status, 'refunded');
    assert.deepEqual(shop.store.statuses(orderId), [
      'pending',
      'awaiting_payment',
      'paid',
      'cancelled',
      'refunded',
    ]);
    assert.equal((await shop.store.timeline(orderId))[3]!.reason, 'Cancelled by the customer.');
    assert.equal(shop.payments.log.count('refund'), 1);
    assert.equal(shop.products.log.count('restock'), 1);
    assert.equal(shop.products.log.count('release'), 0);
    assert.equal(order(shop, orderId).stock, 'restocked');
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
    assert.equal(shop.store.eventTypes(orderId).at(-1), OrderRefunded.type);
  });

  test('a refund that fails is retried with the same key: the money goes back once', async () => {
    const { shop, orderId } = await placed();
    shop.payments.log.fail('refund', timeout, { after: true });
    const view = await shop.manage.cancel(orderId, ALICE);
    assert.equal(view.status, 'cancelled', 'the refund is still owed');
    assert.equal(order(shop, orderId).sagaStep, 'refund');
    shop.clock.advance(2);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'refunded');
    assert.equal(shop.payments.log.count('refund'), 2);
    assert.equal(shop.payments.refunds.length, 1);
    assert.equal(shop.products.log.count('restock'), 1);
  });

  test('cancelled while waiting for 3-D Secure: the intent is voided and the hold released', async () => {
    const { shop, mug, orderId } = await placed(CARD.threeDSecure);
    const view = await shop.manage.cancel(orderId, ALICE);
    assert.equal(view.status, 'cancelled');
    assert.equal(order(shop, orderId).payment.status, 'canceled');
    assert.equal(order(shop, orderId).stock, 'released');
    assert.equal(shop.payments.log.count('cancel'), 1);
    assert.equal(shop.payments.refunds.length, 0);
    assert.deepEqual(shop.products.stock(mug), { onHand: 10, reserved: 0 });
  });

  test('cancelled just after the customer paid (webhook not yet in): the void finds the money and refunds it', async () => {
    const { shop, orderId } = await placed(CARD.threeDSecure);
    shop.payments.complete('pi_1', 'succeeded');
    const view = await shop.manage.cancel(orderId, ALICE);
    assert.equal(view.status, 'refunded');
    assert.equal(shop.payments.refunds.length, 1);
    assert.equal(order(shop, orderId).stock, 'released');
    assert.equal(shop.products.log.count('commit'), 0);
    // The webhook that follows changes nothing.
    assert.equal(await shop.webhook('payment_intent.succeeded', 'pi_1'), 'ignored');
    assert.equal(shop.payments.refunds.length, 1);
  });

  test('a cancel during the charge makes the charge stale: its outcome is applied to the cancelled order, and refunded', async () => {
    const { shop, orderId } = await placed(CARD.ok, (s) => {
      s.payments.duringCharge = async () => {
        s.payments.duringCharge = undefined;
        const [pending] = s.store.all();
        const view = await s.manage.cancel(pending!.id, ALICE);
        assert.equal(
          view.status,
          'cancelled',
          'the saga of the checkout holds the lease: the cancel waits for it',
        );
      };
    });
    assert.ok(shop.store.staleWrites >= 1, 'the charge was decided on a version the cancel replaced');
    const final = order(shop, orderId);
    assert.equal(final.status, 'refunded');
    assert.equal(final.stock, 'released');
    assert.equal(shop.products.log.count('commit'), 0);
    assert.equal(shop.products.log.count('release'), 1);
    assert.equal(shop.payments.refunds.length, 1);
    assert.deepEqual(shop.store.statuses(orderId), ['pending', 'awaiting_payment', 'cancelled', 'refunded']);
  });
});

describe('order saga after a crash', () => {
  const crashedCheckout = async (point: Parameters<Shop['crashAt']>[0]) => {
    const shop = new Shop();
    const mug = shop.products.add({ price: 1000, stock: 10 });
    shop.crashAt(point);
    const request = { items: [{ productId: mug, quantity: 2 }] };
    await assert.rejects(shop.checkout(ALICE.userId, request, 'key-1'), Crash);
    const [stored] = shop.store.all();
    assert.equal(
      shop.store.sagaOf(stored!.id).leaseOwner,
      'replica-1',
      'the dead process still holds the lease',
    );
    shop.restart();
    return { shop, mug, orderId: stored!.id, retry: () => shop.checkout(ALICE.userId, request, 'key-1') };
  };

  test('after the reservation: the next replica reserves again (the same hold) and finishes; the retry gets the order', async () => {
    const { shop, mug, orderId, retry } = await crashedCheckout('crash-after-reserve');
    assert.equal(order(shop, orderId).sagaStep, 'reserve', 'the hold was never recorded');
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.products.log.count('reserve'), 2);
    assert.equal(shop.payments.log.count('charge'), 1);
    assert.deepEqual(shop.products.stock(mug), { onHand: 8, reserved: 0 }, 'one hold, sold once');

    const again = await retry();
    assert.equal(again.replayed, false, 'resumed from its order, not replayed');
    assert.equal((again.body as { id: string; status: string }).id, orderId);
    assert.equal((again.body as { status: string }).status, 'paid');
    assert.equal(shop.store.all().length, 1, 'one order');
    const replay = await retry();
    assert.equal(replay.replayed, true);
  });

  test('after the charge: the retry gets the same intent, so the customer pays once', async () => {
    const { shop, orderId } = await crashedCheckout('crash-after-payment');
    assert.equal(shop.payments.intents.size, 1);
    await shop.recover();
    assert.equal(order(shop, orderId).status, 'paid');
    assert.equal(shop.payments.log.count('charge'), 2);
    assert.equal(shop.payments.intents.size, 1);
    assert.equal(shop.payments.refunds.length, 0);
  });

  for (const point of ['crash-before-commit', 'crash-after-commit'] as const) {
    test(`${point}: the commit is made (again) and the stock is sold once`, async () => {
      const { shop, mug, orderId } = await crashedCheckout(point);
      assert.equal(order(shop, orderId).sagaStep, 'commit');
      await shop.recover();
      assert.equal(order(shop, orderId).status, 'paid');
      assert.equal(shop.products.log.count('commit'), point === 'crash-before-commit' ? 1 : 2);
      assert.equal(shop.payments.log.count('charge'), 1);
      assert.deepEqual(shop.products.stock(mug), { onHand: 8, reserved: 0 });
      assert.deepEqual(shop.store.eventTypes(orderId), [
        OrderPlaced.type,
        OrderAwaitingPayment.type,
        OrderPaid.type,
      ]);
    });
  }

  test('no replica drives an order while the one holding its lease may still be alive', async () => {
    const shop = new Shop();
    const mug = shop.products.add({});
    shop.crashAt('crash-after-reserve');
    await assert.rejects(shop.checkout(ALICE.userId, { items: [{ productId: mug, quantity: 1 }] }), Crash);
    shop.restart(SETTINGS.leaseSeconds - 1); // another replica, before the lease ran out
    await shop.recover();
    assert.equal(shop.products.log.count('reserve'), 1);
    assert.equal(shop.store.all()[0]!.status, 'pending');
  });
});
