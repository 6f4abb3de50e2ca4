import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IllegalTransition, OrderNotCancellable } from '../../src/domain/errors.js';
import {
  cancelRequested,
  committed,
  isSettled,
  paymentUpdated,
  shipped,
  voided,
} from '../../src/domain/order-lifecycle.js';
import { canTransition } from '../../src/domain/order-status.js';
import { anOrder } from './order-fixture.js';

const customer = { kind: 'user' as const, id: 'user-1' };

describe('order state machine', () => {
  test('allows the happy path and its failures, and nothing that skips a step', () => {
    assert.ok(canTransition('pending', 'awaiting_payment'));
    assert.ok(canTransition('awaiting_payment', 'paid'));
    assert.ok(canTransition('paid', 'shipped'));
    assert.ok(canTransition('shipped', 'delivered'));
    assert.ok(canTransition('cancelled', 'refunded'));
    assert.equal(canTransition('pending', 'paid'), false);
    assert.equal(canTransition('delivered', 'cancelled'), false);
    assert.equal(canTransition('rejected', 'awaiting_payment'), false);
  });

  test('an illegal transition is a named conflict naming both statuses', () => {
    const early = anOrder({ status: 'awaiting_payment' });
    assert.throws(
      () => shipped(early, { carrier: 'DHL', trackingNumber: '1' }, customer),
      (error: unknown) =>
        error instanceof IllegalTransition &&
        error.status === 409 &&
        JSON.stringify(error.extensions) === JSON.stringify({ from: 'awaiting_payment', to: 'shipped' }),
    );
  });

  test('paid publishes order.paid and clears the ordered products from the cart', () => {
    const change = committed(
      anOrder({ sagaStep: 'commit', payment: { ...anOrder().payment, status: 'succeeded' } }),
    );
    assert.equal(change.status?.to, 'paid');
    assert.equal(change.status?.event?.type, 'order.paid.v1');
    assert.equal(change.stock, 'committed');
    assert.equal(change.sagaStep, 'done');
    assert.equal(change.clearCart, true);
  });
});

describe('payment outcomes', () => {
  const state = (status: 'succeeded' | 'failed' | 'requires_action') => ({
    intentId: 'pi_1',
    status,
    nextAction:
      status === 'requires_action'
        ? { type: 'redirect_to_url', redirectUrl: 'https://x', clientSecret: 's' }
        : null,
    failure: status === 'failed' ? 'Your card was declined.' : null,
  });

  test('a success moves an unpaid order to committing its stock', () => {
    const change = paymentUpdated(anOrder(), state('succeeded'));
    assert.equal(change?.sagaStep, 'commit');
    assert.equal(change?.status, undefined);
    assert.equal(change?.payment?.status, 'succeeded');
  });

  test('a decline fails the order with the bank’s reason and gives the stock back', () => {
    const change = paymentUpdated(anOrder(), state('failed'));
    assert.equal(change?.status?.to, 'payment_failed');
    assert.equal(change?.status?.reason, 'Your card was declined.');
    assert.equal(change?.sagaStep, 'void');
  });

  test('3-D Secure waits for the customer and shows the next action', () => {
    const change = paymentUpdated(anOrder(), state('requires_action'));
    assert.equal(change?.sagaStep, 'await_payment');
    assert.equal(change?.payment?.nextAction?.redirectUrl, 'https://x');
  });

  test('the same news twice changes nothing the second time', () => {
    const order = anOrder({
      sagaStep: 'commit',
      payment: { ...anOrder().payment, intentId: 'pi_1', status: 'succeeded' },
    });
    assert.equal(paymentUpdated(order, state('succeeded')), undefined);
  });

  test('money arriving for a cancelled order is refunded', () => {
    const order = anOrder({ status: 'cancelled', sagaStep: 'done', stock: 'released' });
    const change = paymentUpdated(order, state('succeeded'));
    assert.equal(change?.sagaStep, 'refund');
  });

  test('a late decline for a paid order is only recorded', () => {
    const order = anOrder({
      status: 'paid',
      sagaStep: 'done',
      payment: { ...anOrder().payment, intentId: 'pi_1', status: 'succeeded' },
    });
    const change = paymentUpdated(order, { ...state('failed') });
    assert.equal(change?.status, undefined);
    assert.equal(change?.sagaStep, undefined);
  });

  test('void discovers a payment that slipped through and refunds it', () => {
    const order = anOrder({ status: 'cancelled', sagaStep: 'void' });
    assert.equal(voided(order, state('succeeded'), 'released').sagaStep, 'refund');
    assert.equal(voided(order, null, 'released').sagaStep, 'done');
  });

  test('void records how the stock went back: released, or restocked when it had been sold', () => {
    const order = anOrder({ status: 'cancelled', sagaStep: 'void', stock: 'held' });
    assert.equal(voided(order, null, 'released').stock, 'released');
    assert.equal(voided(order, null, 'restocked').stock, 'restocked');
  });
});

describe('cancelling', () => {
  test('before payment the stock hold is voided; after payment it is refunded', () => {
    assert.equal(cancelRequested(anOrder(), customer).sagaStep, 'void');
    assert.equal(cancelRequested(anOrder({ status: 'paid', sagaStep: 'done' }), customer).sagaStep, 'refund');
    // Paid at the gateway, the stock commit not yet recorded: the money goes back too.
    const charged = anOrder({
      status: 'awaiting_payment',
      sagaStep: 'commit',
      payment: { ...anOrder().payment, intentId: 'pi_1', status: 'succeeded' },
    });
    assert.equal(cancelRequested(charged, customer).sagaStep, 'refund');
  });

  test('a shipped order cannot be cancelled', () => {
    assert.throws(
      () => cancelRequested(anOrder({ status: 'shipped', sagaStep: 'done' }), customer),
      OrderNotCancellable,
    );
  });

  test('an order is settled only when terminal and its saga has nothing left', () => {
    assert.equal(isSettled(anOrder({ status: 'cancelled', sagaStep: 'refund' })), false);
    assert.equal(isSettled(anOrder({ status: 'cancelled', sagaStep: 'done' })), true);
    assert.equal(isSettled(anOrder({ status: 'paid', sagaStep: 'done' })), false);
  });
});
