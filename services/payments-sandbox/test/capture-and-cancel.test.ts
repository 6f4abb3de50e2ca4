import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox();
});
after(async () => sb.close());

async function eventsOf(intentId: string): Promise<string[]> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intentId}`);
  return body.items.map((entry) => entry.event.type);
}

async function authorised(amount = 8000): Promise<Stripe.PaymentIntent> {
  const intent = await sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
  });
  assert.equal(intent.status, 'requires_capture');
  return intent;
}

function refusedAs(code: string, status = 400) {
  return (error: Stripe.errors.StripeError) => {
    assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError, 'an invalid request');
    assert.equal(error.statusCode, status);
    assert.equal(error.code, code);
    return true;
  };
}

describe('manual capture', () => {
  test('authorise, then capture the whole amount', async () => {
    const intent = await authorised();
    assert.equal(intent.amount_capturable, 8000);
    assert.equal(intent.amount_received, 0);
    const authorisation = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(authorisation.status, 'succeeded');
    assert.equal(authorisation.captured, false);
    assert.equal(authorisation.amount_captured, 0);

    const captured = await sb.stripe.paymentIntents.capture(intent.id);
    assert.equal(captured.status, 'succeeded');
    assert.equal(captured.amount_received, 8000);
    assert.equal(captured.amount_capturable, 0);
    const charge = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(charge.captured, true);
    assert.equal(charge.amount_captured, 8000);
    assert.deepEqual(await eventsOf(intent.id), [
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);
  });

  test('capture part of it: the rest is released', async () => {
    const intent = await authorised();
    const captured = await sb.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 5000 });
    assert.equal(captured.amount_received, 5000);
    const charge = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(charge.amount_captured, 5000);
    assert.equal(charge.amount_refunded, 3000, 'Stripe reports the released remainder as refunded');
    assert.equal(charge.refunded, false);
  });

  test('more than was authorised is refused, and nothing is captured', async () => {
    const intent = await authorised();
    await assert.rejects(
      sb.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 8001 }),
      refusedAs('amount_too_large'),
    );
    const after = await sb.stripe.paymentIntents.retrieve(intent.id);
    assert.equal(after.status, 'requires_capture');
    assert.equal(after.amount_capturable, 8000);
    assert.ok(!(await eventsOf(intent.id)).includes('charge.captured'));
  });

  test('an automatic payment cannot be captured again', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    await assert.rejects(
      sb.stripe.paymentIntents.capture(intent.id),
      refusedAs('payment_intent_unexpected_state'),
    );
  });
});

describe('cancel', () => {
  test('an unpaid PaymentIntent', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
    });
    const canceled = await sb.stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'abandoned');
    assert.ok(canceled.canceled_at !== null && Math.abs(canceled.canceled_at - Date.now() / 1000) < 60);
    assert.deepEqual(await eventsOf(intent.id), ['payment_intent.created', 'payment_intent.canceled']);

    await assert.rejects(
      sb.stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' }),
      refusedAs('payment_intent_unexpected_state'),
    );
    assert.equal((await sb.stripe.paymentIntents.retrieve(intent.id)).status, 'canceled');
  });

  test('an authorisation: the hold is released, nothing was received', async () => {
    const intent = await authorised();
    const canceled = await sb.stripe.paymentIntents.cancel(intent.id);
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.amount_capturable, 0);
    assert.equal(canceled.amount_received, 0);
    const charge = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(charge.captured, false);
    assert.equal(charge.refunded, true);
    assert.equal(charge.amount_refunded, 8000);
    await assert.rejects(
      sb.stripe.paymentIntents.capture(intent.id),
      refusedAs('payment_intent_unexpected_state'),
    );
  });

  test('a PaymentIntent that succeeded cannot be canceled (refund it instead)', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    await assert.rejects(sb.stripe.paymentIntents.cancel(intent.id), (error: Stripe.errors.StripeError) => {
      refusedAs('payment_intent_unexpected_state')(error);
      assert.match(error.message, /because it has a status of succeeded/);
      assert.equal(error.payment_intent?.status, 'succeeded');
      return true;
    });
    assert.ok(!(await eventsOf(intent.id)).includes('payment_intent.canceled'));
  });

  test('one waiting for 3-D Secure', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
    });
    const canceled = await sb.stripe.paymentIntents.cancel(intent.id);
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.next_action, null);
    const late = await sb.control('POST', `/payment_intents/${intent.id}/complete_action`, {
      outcome: 'succeed',
    });
    assert.equal(late.status, 409, 'the customer cannot complete a canceled payment');
  });
});
