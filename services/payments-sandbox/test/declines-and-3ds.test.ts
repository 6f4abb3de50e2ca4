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

const card = { payment_method_types: ['card'] };

async function eventsOf(intentId: string): Promise<string[]> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intentId}`);
  return body.items.map((entry) => entry.event.type);
}

async function declined(paymentMethod: string): Promise<Stripe.errors.StripeCardError> {
  const error = await sb.stripe.paymentIntents
    .create({ ...card, amount: 4200, currency: 'usd', payment_method: paymentMethod, confirm: true })
    .then(
      () => assert.fail('the card should have been declined'),
      (e: unknown) => e,
    );
  assert.ok(error instanceof Stripe.errors.StripeCardError, 'a decline is a StripeCardError');
  return error;
}

describe('declined cards', () => {
  test('pm_card_chargeDeclined: 402 card_error card_declined / generic_decline', async () => {
    const error = await declined('pm_card_chargeDeclined');
    assert.equal(error.statusCode, 402);
    assert.equal(error.rawType, 'card_error');
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'generic_decline');
    assert.equal(error.message, 'Your card was declined.');
    assert.equal(error.doc_url, 'https://stripe.com/docs/error-codes/card-declined');
    assert.match(String(error.charge), /^ch_/);
    assert.equal(error.payment_method?.card?.last4, '0002');

    const intent = error.payment_intent!;
    assert.equal(intent.status, 'requires_payment_method');
    assert.equal(intent.payment_method, null);
    assert.equal(intent.amount_received, 0);
    assert.equal(intent.latest_charge, error.charge);
    assert.equal(intent.last_payment_error?.code, 'card_declined');
    assert.equal(intent.last_payment_error?.decline_code, 'generic_decline');
    assert.equal(intent.last_payment_error?.type, 'card_error');

    const charge = await sb.stripe.charges.retrieve(String(error.charge));
    assert.equal(charge.status, 'failed');
    assert.equal(charge.paid, false);
    assert.equal(charge.captured, false);
    assert.equal(charge.failure_code, 'card_declined');
    assert.equal(charge.outcome?.type, 'issuer_declined');
    assert.equal(charge.outcome?.reason, 'generic_decline');

    assert.deepEqual(await eventsOf(intent.id), [
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
    ]);
  });

  test('pm_card_chargeDeclinedInsufficientFunds: decline_code insufficient_funds', async () => {
    const error = await declined('pm_card_chargeDeclinedInsufficientFunds');
    assert.equal(error.statusCode, 402);
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'insufficient_funds');
    assert.equal(error.message, 'Your card has insufficient funds.');
    assert.equal(error.payment_intent?.last_payment_error?.decline_code, 'insufficient_funds');
  });

  test('after a decline the customer can pay with another card', async () => {
    const error = await declined('pm_card_chargeDeclined');
    const intent = await sb.stripe.paymentIntents.confirm(error.payment_intent!.id, {
      payment_method: 'pm_card_visa',
    });
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.last_payment_error, null);
    assert.equal(intent.amount_received, 4200);
    assert.notEqual(intent.latest_charge, error.charge, 'a new charge');
    const types = await eventsOf(intent.id);
    assert.deepEqual(types.slice(-2), ['charge.succeeded', 'payment_intent.succeeded']);
  });
});

describe('3-D Secure (pm_card_threeDSecure2Required)', () => {
  async function requiringAction(extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    const intent = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_threeDSecure2Required',
      confirm: true,
      ...extra,
    });
    assert.equal(intent.status, 'requires_action');
    assert.equal(intent.latest_charge, null, 'nothing is charged before the customer authenticates');
    return intent;
  }

  test('waits for the customer, then succeeds when they pass', async () => {
    const intent = await requiringAction();
    assert.equal(intent.next_action?.type, 'use_stripe_sdk');
    assert.deepEqual(await eventsOf(intent.id), ['payment_intent.created', 'payment_intent.requires_action']);

    const { status, body } = await sb.control<Stripe.PaymentIntent>(
      'POST',
      `/payment_intents/${intent.id}/complete_action`,
      { outcome: 'succeed' },
    );
    assert.equal(status, 200);
    assert.equal(body.status, 'succeeded');
    assert.equal(body.next_action, null);

    const retrieved = await sb.stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    assert.equal(retrieved.status, 'succeeded');
    assert.equal(retrieved.amount_received, 5000);
    const charge = retrieved.latest_charge as Stripe.Charge;
    assert.equal(charge.payment_method_details?.card?.three_d_secure?.result, 'authenticated');
    assert.deepEqual((await eventsOf(intent.id)).slice(-2), ['charge.succeeded', 'payment_intent.succeeded']);

    const { body: events } = await sb.control<{ items: LoggedEvent[] }>(
      'GET',
      `/events?payment_intent=${intent.id}&type=payment_intent.succeeded`,
    );
    assert.deepEqual(
      events.items[0]?.event.request,
      { id: null, idempotency_key: null },
      'not caused by an API call',
    );
  });

  test('fails when the customer fails authentication', async () => {
    const intent = await requiringAction();
    const { status, body } = await sb.control<Stripe.PaymentIntent>(
      'POST',
      `/payment_intents/${intent.id}/complete_action`,
      { outcome: 'fail' },
    );
    assert.equal(status, 200);
    assert.equal(body.status, 'requires_payment_method');
    assert.equal(body.last_payment_error?.code, 'payment_intent_authentication_failure');
    assert.equal(body.payment_method, null);
    assert.equal(body.latest_charge, null, 'no charge was made');
    assert.deepEqual((await eventsOf(intent.id)).slice(-1), ['payment_intent.payment_failed']);

    const again = await sb.control('POST', `/payment_intents/${intent.id}/complete_action`, {
      outcome: 'succeed',
    });
    assert.equal(again.status, 409, 'nothing waits for the customer any more');
    assert.equal((await sb.stripe.paymentIntents.retrieve(intent.id)).status, 'requires_payment_method');
  });

  test('with manual capture, passing authentication authorises the amount', async () => {
    const intent = await requiringAction({ capture_method: 'manual' });
    const { body } = await sb.control<Stripe.PaymentIntent>(
      'POST',
      `/payment_intents/${intent.id}/complete_action`,
      {
        outcome: 'succeed',
      },
    );
    assert.equal(body.status, 'requires_capture');
    assert.equal(body.amount_capturable, 5000);
    assert.deepEqual((await eventsOf(intent.id)).slice(-1), ['payment_intent.amount_capturable_updated']);
  });

  test('off-session it cannot ask the customer: declined with authentication_required', async () => {
    const error = await sb.stripe.paymentIntents
      .create({
        ...card,
        amount: 5000,
        currency: 'usd',
        payment_method: 'pm_card_threeDSecure2Required',
        confirm: true,
        off_session: true,
      })
      .then(
        () => assert.fail('should be declined'),
        (e: Stripe.errors.StripeError) => e,
      );
    assert.equal(error.statusCode, 402);
    assert.equal(error.code, 'authentication_required');
    assert.equal(error.decline_code, 'authentication_required');
    assert.equal(error.payment_intent?.status, 'requires_payment_method');
  });

  test('with a return_url, the customer is redirected to a test page and back', async () => {
    const intent = await requiringAction({ return_url: 'https://shop.example/checkout/done?order=7' });
    assert.equal(intent.next_action?.type, 'redirect_to_url');
    const target = new URL(String(intent.next_action?.redirect_to_url?.url));
    assert.equal(target.origin, sb.url);

    const page = await fetch(target);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /Complete authentication/);

    const wrongSecret = await fetch(`${sb.url}/_sandbox/authenticate/${intent.id}?client_secret=nope`);
    assert.equal(wrongSecret.status, 404);

    const answer = await fetch(`${sb.url}/_sandbox/authenticate/${intent.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: String(intent.client_secret), outcome: 'succeed' }),
      redirect: 'manual',
    });
    assert.equal(answer.status, 303);
    const back = new URL(String(answer.headers.get('location')));
    assert.equal(back.origin + back.pathname, 'https://shop.example/checkout/done');
    assert.equal(back.searchParams.get('order'), '7');
    assert.equal(back.searchParams.get('payment_intent'), intent.id);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    assert.equal((await sb.stripe.paymentIntents.retrieve(intent.id)).status, 'succeeded');
  });
});
