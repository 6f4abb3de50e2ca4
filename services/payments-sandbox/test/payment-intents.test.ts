import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { API_KEY, startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

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

async function countIntents(): Promise<number> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>(
    'GET',
    '/events?type=payment_intent.created&limit=100',
  );
  return body.items.length;
}

describe('a successful card payment', () => {
  test('create with confirm=true charges the card at once', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 2599,
      currency: 'EUR',
      payment_method: 'pm_card_visa',
      confirm: true,
      description: 'Order 42',
      receipt_email: 'ada@example.com',
      metadata: { order_id: 'order-42' },
    });

    assert.match(intent.id, /^pi_[A-Za-z0-9]{24}$/);
    assert.equal(intent.object, 'payment_intent');
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount, 2599);
    assert.equal(intent.amount_received, 2599);
    assert.equal(intent.amount_capturable, 0);
    assert.equal(intent.currency, 'eur');
    assert.equal(intent.capture_method, 'automatic_async');
    assert.equal(intent.livemode, false);
    assert.equal(intent.last_payment_error, null);
    assert.equal(intent.next_action, null);
    assert.deepEqual(intent.metadata, { order_id: 'order-42' });
    assert.equal(intent.description, 'Order 42');
    assert.equal(intent.receipt_email, 'ada@example.com');
    assert.match(intent.client_secret ?? '', new RegExp(`^${intent.id}_secret_`));
    assert.ok(Math.abs(intent.created - Date.now() / 1000) < 60, 'created is a unix timestamp in seconds');
    // Like Stripe, the test token becomes a real PaymentMethod with its own id.
    assert.match(String(intent.payment_method), /^pm_[A-Za-z0-9]{24}$/);
    assert.notEqual(intent.payment_method, 'pm_card_visa');
    assert.match(String(intent.latest_charge), /^ch_/);

    const charge = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.paid, true);
    assert.equal(charge.captured, true);
    assert.equal(charge.amount_captured, 2599);
    assert.equal(charge.amount_refunded, 0);
    assert.equal(charge.payment_intent, intent.id);
    assert.equal(charge.payment_method_details?.card?.last4, '4242');
    assert.equal(charge.payment_method_details?.card?.brand, 'visa');
    assert.deepEqual(charge.metadata, { order_id: 'order-42' });

    const method = await sb.stripe.paymentMethods.retrieve(String(intent.payment_method));
    assert.equal(method.card?.last4, '4242');

    assert.deepEqual(await eventsOf(intent.id), [
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
  });

  test('create, then confirm in a second call (mastercard)', async () => {
    const created = await sb.stripe.paymentIntents.create({ ...card, amount: 1000, currency: 'usd' });
    assert.equal(created.status, 'requires_payment_method');
    assert.equal(created.payment_method, null);
    assert.equal(created.latest_charge, null);

    const confirmed = await sb.stripe.paymentIntents.confirm(created.id, {
      payment_method: 'pm_card_mastercard',
    });
    assert.equal(confirmed.status, 'succeeded');
    assert.equal(confirmed.amount_received, 1000);

    const retrieved = await sb.stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
    const charge = retrieved.latest_charge as Stripe.Charge;
    assert.equal(charge.object, 'charge');
    assert.equal(charge.payment_method_details?.card?.brand, 'mastercard');
    assert.equal(charge.payment_method_details?.card?.last4, '4444');
  });

  test('a payment method given at creation waits for confirmation', async () => {
    const created = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 700,
      currency: 'usd',
      payment_method: 'pm_card_visa',
    });
    assert.equal(created.status, 'requires_confirmation');
    assert.deepEqual(await eventsOf(created.id), ['payment_intent.created']);
    const confirmed = await sb.stripe.paymentIntents.confirm(created.id);
    assert.equal(confirmed.status, 'succeeded');
  });

  test('the JSON answered is the object the webhooks carry, field for field', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 1500,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const { body } = await sb.control<{ items: LoggedEvent[] }>(
      'GET',
      `/events?payment_intent=${intent.id}&type=payment_intent.succeeded`,
    );
    const { lastResponse: _ignored, ...answered } = intent;
    assert.deepEqual(JSON.parse(JSON.stringify(answered)), body.items[0]?.event.data.object);
  });

  test('updating metadata and amount before payment', async () => {
    const created = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 900,
      currency: 'usd',
      metadata: { a: '1', b: '2' },
    });
    const updated = await sb.stripe.paymentIntents.update(created.id, {
      amount: 1200,
      metadata: { a: '', c: '3' },
      payment_method: 'pm_card_visa',
    });
    assert.equal(updated.amount, 1200);
    assert.deepEqual(updated.metadata, { b: '2', c: '3' });
    assert.equal(updated.status, 'requires_confirmation');

    await sb.stripe.paymentIntents.confirm(created.id);
    await assert.rejects(
      sb.stripe.paymentIntents.update(created.id, { amount: 5000 }),
      (error: Stripe.errors.StripeError) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.code, 'payment_intent_unexpected_state');
        return true;
      },
    );
    const final = await sb.stripe.paymentIntents.update(created.id, { metadata: { shipped: 'yes' } });
    assert.equal(final.amount, 1200, 'the amount did not change after payment');
    assert.deepEqual(final.metadata, { b: '2', c: '3', shipped: 'yes' });
    const cleared = await sb.stripe.paymentIntents.update(created.id, { metadata: '' });
    assert.deepEqual(cleared.metadata, {}, 'metadata= clears it all');
  });
});

describe('refused requests change nothing', () => {
  test('an unknown payment method is a 400 resource_missing and creates no PaymentIntent', async () => {
    const before = await countIntents();
    await assert.rejects(
      sb.stripe.paymentIntents.create({
        ...card,
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_nope',
        confirm: true,
      }),
      (error: Stripe.errors.StripeError) => {
        assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
        assert.equal(error.statusCode, 400);
        assert.equal(error.code, 'resource_missing');
        assert.equal(error.param, 'payment_method');
        assert.equal(error.message, "No such PaymentMethod: 'pm_nope'");
        return true;
      },
    );
    assert.equal(await countIntents(), before);
  });

  test('an unknown PaymentIntent is a 404 resource_missing', async () => {
    await assert.rejects(
      sb.stripe.paymentIntents.retrieve('pi_missing'),
      (error: Stripe.errors.StripeError) => {
        assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
        assert.equal(error.statusCode, 404);
        assert.equal(error.code, 'resource_missing');
        assert.equal(error.message, "No such payment_intent: 'pi_missing'");
        return true;
      },
    );
  });

  test('parameters are checked like Stripe: unknown, missing, malformed, too small', async () => {
    const before = await countIntents();
    const cases: [Record<string, unknown>, string, string | undefined, string][] = [
      [
        { amount: 1000, currency: 'usd', colour: 'red' },
        'colour',
        'parameter_unknown',
        'Received unknown parameter: colour',
      ],
      [
        { amount: 1000, currency: 'usd', automatic_payment_methods: { enabled: true, extra: 1 } },
        'automatic_payment_methods[extra]',
        'parameter_unknown',
        'Received unknown parameter: automatic_payment_methods[extra]',
      ],
      [{ currency: 'usd' }, 'amount', 'parameter_missing', 'Missing required param: amount.'],
      [{ amount: 'ten', currency: 'usd' }, 'amount', 'parameter_invalid_integer', 'Invalid integer: ten'],
      [{ amount: 10, currency: 'usd' }, 'amount', 'amount_too_small', 'Amount must be at least 0.50 usd'],
      [{ amount: 1000, currency: 'xyz' }, 'currency', undefined, ''],
      [{ amount: 1000, currency: 'usd', capture_method: 'later' }, 'capture_method', undefined, ''],
      [{ amount: 1000, currency: 'usd', confirm: 'maybe' }, 'confirm', undefined, 'Invalid boolean: maybe'],
      [{ amount: 1000, currency: 'usd', metadata: { ['k'.repeat(41)]: 'v' } }, 'metadata', undefined, ''],
      [
        { amount: 1000, currency: 'usd', metadata: { note: 'v'.repeat(501) } },
        'metadata[note]',
        undefined,
        '',
      ],
      [
        {
          amount: 1000,
          currency: 'usd',
          payment_method: 'pm_card_visa',
          confirm: true,
          return_url: 'not a url',
        },
        'return_url',
        undefined,
        'Not a valid URL',
      ],
      [
        { amount: 1000, currency: 'usd', expand: ['customer'] },
        'expand',
        undefined,
        'This property cannot be expanded (customer).',
      ],
    ];
    for (const [params, param, code, message] of cases) {
      await assert.rejects(
        sb.stripe.paymentIntents.create(params as unknown as Stripe.PaymentIntentCreateParams),
        (error: Stripe.errors.StripeError) => {
          assert.equal(error.statusCode, 400, param);
          assert.equal(error.type, 'StripeInvalidRequestError', param);
          assert.equal(error.param, param);
          assert.equal(error.code, code, param);
          if (message) assert.equal(error.message, message);
          return true;
        },
      );
    }
    assert.equal(await countIntents(), before, 'no PaymentIntent was created by a refused request');
  });

  test('with automatic payment methods (the default), confirming needs a return_url', async () => {
    await assert.rejects(
      sb.stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        confirm: true,
      }),
      (error: Stripe.errors.StripeError) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.param, 'return_url');
        assert.match(error.message, /A `return_url` must be specified/);
        return true;
      },
    );
    const withReturnUrl = await sb.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      return_url: 'https://shop.example/return',
    });
    assert.equal(withReturnUrl.status, 'succeeded');
    assert.deepEqual(withReturnUrl.automatic_payment_methods, { allow_redirects: 'always', enabled: true });
    const noRedirects = await sb.stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    assert.equal(noRedirects.status, 'succeeded');
  });

  test('confirming a PaymentIntent that already succeeded is refused with its state', async () => {
    const intent = await sb.stripe.paymentIntents.create({
      ...card,
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    await assert.rejects(sb.stripe.paymentIntents.confirm(intent.id), (error: Stripe.errors.StripeError) => {
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, 'payment_intent_unexpected_state');
      assert.equal(error.payment_intent?.status, 'succeeded');
      return true;
    });
    const charges = (await eventsOf(intent.id)).filter((type) => type === 'charge.succeeded');
    assert.equal(charges.length, 1, 'the card was charged once');
  });

  test('an unknown URL answers like Stripe', async () => {
    const response = await fetch(`${sb.url}/v1/customers`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.equal(response.status, 404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /^Unrecognized request URL \(GET: \/v1\/customers\)/);
  });
});
