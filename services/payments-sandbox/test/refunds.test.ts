import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox();
});
after(async () => sb.close());

async function paid(amount = 10_000): Promise<Stripe.PaymentIntent> {
  return sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { order_id: 'o-1' },
  });
}

async function chargeOf(intent: Stripe.PaymentIntent): Promise<Stripe.Charge> {
  return sb.stripe.charges.retrieve(String(intent.latest_charge));
}

async function refundEvents(intentId: string): Promise<LoggedEvent[]> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intentId}`);
  return body.items.filter(
    (entry) => entry.event.type.startsWith('refund.') || entry.event.type === 'charge.refunded',
  );
}

test('a full refund, by PaymentIntent', async () => {
  const intent = await paid();
  const refund = await sb.stripe.refunds.create({
    payment_intent: intent.id,
    reason: 'requested_by_customer',
  });
  assert.match(refund.id, /^re_/);
  assert.equal(refund.object, 'refund');
  assert.equal(refund.amount, 10_000);
  assert.equal(refund.status, 'succeeded');
  assert.equal(refund.payment_intent, intent.id);
  assert.equal(refund.charge, intent.latest_charge);
  assert.equal(refund.reason, 'requested_by_customer');

  const charge = await chargeOf(intent);
  assert.equal(charge.amount_refunded, 10_000);
  assert.equal(charge.refunded, true);
  assert.deepEqual({ ...(await sb.stripe.refunds.retrieve(refund.id)) }, { ...refund });

  const events = await refundEvents(intent.id);
  assert.deepEqual(
    events.map((e) => e.event.type),
    ['refund.created', 'charge.refunded'],
  );
  const refundedCharge = events[1]!.event.data.object as Stripe.Charge;
  assert.equal(refundedCharge.amount_refunded, 10_000);
  assert.equal(
    refundedCharge.metadata.order_id,
    'o-1',
    'the charge carries the order id for the webhook handler',
  );
  assert.equal(
    (await sb.stripe.paymentIntents.retrieve(intent.id)).status,
    'succeeded',
    'a refunded payment stays succeeded',
  );
});

test('partial refunds add up, and an over-refund is refused without refunding anything', async () => {
  const intent = await paid();
  const first = await sb.stripe.refunds.create({ payment_intent: intent.id, amount: 2500 });
  assert.equal(first.amount, 2500);
  const second = await sb.stripe.refunds.create({ charge: String(intent.latest_charge), amount: 5000 });
  assert.equal(second.amount, 5000);
  assert.equal((await chargeOf(intent)).amount_refunded, 7500);
  assert.equal((await chargeOf(intent)).refunded, false);

  await assert.rejects(
    sb.stripe.refunds.create({ payment_intent: intent.id, amount: 2501 }),
    (error: Stripe.errors.StripeError) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, 'amount_too_large');
      assert.equal(error.param, 'amount');
      assert.equal(
        error.message,
        'Refund amount (25.01 usd) is greater than unrefunded amount on charge (25.00 usd)',
      );
      return true;
    },
  );
  assert.equal((await chargeOf(intent)).amount_refunded, 7500, 'the refused refund changed nothing');
  assert.equal((await refundEvents(intent.id)).length, 4, 'two refunds, two events each');

  const rest = await sb.stripe.refunds.create({ payment_intent: intent.id });
  assert.equal(rest.amount, 2500, 'no amount = what is left');
  assert.equal((await chargeOf(intent)).refunded, true);

  await assert.rejects(
    sb.stripe.refunds.create({ payment_intent: intent.id }),
    (error: Stripe.errors.StripeError) => {
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, 'charge_already_refunded');
      return true;
    },
  );
});

test('after a partial capture only the captured amount can be refunded', async () => {
  const intent = await sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount: 6000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
  });
  await sb.stripe.paymentIntents.capture(intent.id, { amount_to_capture: 4000 });
  await assert.rejects(
    sb.stripe.refunds.create({ payment_intent: intent.id, amount: 4001 }),
    /greater than unrefunded/,
  );
  const refund = await sb.stripe.refunds.create({ payment_intent: intent.id });
  assert.equal(refund.amount, 4000);
  assert.equal((await chargeOf(intent)).refunded, true);
});

test('nothing to refund: unpaid, declined, authorised only, unknown', async () => {
  const unpaid = await sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount: 1000,
    currency: 'usd',
  });
  const authorised = await sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount: 1000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    capture_method: 'manual',
    confirm: true,
  });
  const declined = await sb.stripe.paymentIntents
    .create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_chargeDeclined',
      confirm: true,
    })
    .catch((error: Stripe.errors.StripeCardError) => error.payment_intent!);
  for (const intent of [unpaid, authorised, declined]) {
    await assert.rejects(
      sb.stripe.refunds.create({ payment_intent: intent.id }),
      (error: Stripe.errors.StripeError) => {
        assert.equal(error.statusCode, 400);
        assert.match(error.message, /does not have a successful charge to refund/);
        return true;
      },
    );
    assert.deepEqual(await refundEvents(intent.id), []);
  }
  await assert.rejects(
    sb.stripe.refunds.create({ payment_intent: 'pi_unknown' }),
    (error: Stripe.errors.StripeError) => {
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, 'resource_missing');
      return true;
    },
  );
  await assert.rejects(sb.stripe.refunds.retrieve('re_unknown'), (error: Stripe.errors.StripeError) => {
    assert.equal(error.statusCode, 404);
    return true;
  });
  await assert.rejects(
    sb.stripe.refunds.create({} as Stripe.RefundCreateParams),
    (error: Stripe.errors.StripeError) => error.code === 'parameter_missing',
  );
});

test('expand the refund charge', async () => {
  const intent = await paid(3000);
  const refund = await sb.stripe.refunds.create({
    payment_intent: intent.id,
    amount: 1000,
    expand: ['charge'],
  });
  const charge = refund.charge as Stripe.Charge;
  assert.equal(charge.object, 'charge');
  assert.equal(charge.amount_refunded, 1000);
});
