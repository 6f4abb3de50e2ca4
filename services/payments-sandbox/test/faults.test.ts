import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sb) => sb.close()));
});

async function sandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  const sb = await startSandbox(env);
  running.push(sb);
  return sb;
}

const params: Stripe.PaymentIntentCreateParams = {
  payment_method_types: ['card'],
  amount: 4500,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
};

async function events(sb: RunningSandbox, type: string): Promise<LoggedEvent[]> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?type=${type}&limit=100`);
  return body.items;
}

describe('ERROR_RATE: 500 before anything happens', () => {
  test('the SDK sees Stripe’s 500, and nothing was done', async () => {
    const sb = await sandbox({ ERROR_RATE: '1' });
    await assert.rejects(sb.stripe.paymentIntents.create(params), (error: Stripe.errors.StripeError) => {
      assert.ok(error instanceof Stripe.errors.StripeAPIError);
      assert.equal(error.statusCode, 500);
      assert.equal(error.rawType, 'api_error');
      return true;
    });
    assert.deepEqual(await events(sb, 'payment_intent.created'), []);
  });

  test('the SDK retries with the same idempotency key: one PaymentIntent, one charge', async () => {
    const sb = await sandbox();
    await sb.control('PUT', '/config', { failNext: 2 });
    const stripe = sb.client({ maxNetworkRetries: 3 });
    const intent = await stripe.paymentIntents.create(params);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.lastResponse.headers['idempotent-replayed'], undefined, 'the third try executed');

    const created = await events(sb, 'payment_intent.created');
    assert.equal(created.length, 1, 'one PaymentIntent');
    assert.equal(
      created[0]?.event.request.idempotency_key,
      intent.lastResponse.idempotencyKey,
      'the key the SDK sent',
    );
    assert.equal((await events(sb, 'charge.succeeded')).length, 1, 'charged once');
    assert.equal((await sb.control<{ failNext: number }>('GET', '/config')).body.failNext, 0);
  });
});

describe('dropped connections after the work is done', () => {
  test('the SDK retry gets the saved answer: the card is not charged twice', async () => {
    const sb = await sandbox();
    await sb.control('PUT', '/config', { disconnectNext: 1 });
    const stripe = sb.client({ maxNetworkRetries: 2 });
    const intent = await stripe.paymentIntents.create(params);
    assert.equal(intent.status, 'succeeded');
    assert.equal(
      intent.lastResponse.headers['idempotent-replayed'],
      'true',
      'the retry replayed the first answer',
    );
    assert.equal((await events(sb, 'payment_intent.created')).length, 1, 'one PaymentIntent');
    assert.equal((await events(sb, 'charge.succeeded')).length, 1, 'charged once');
  });

  test('without retries the caller sees a connection error, though the payment happened', async () => {
    const sb = await sandbox({ DISCONNECT_RATE: '1' });
    await assert.rejects(sb.stripe.paymentIntents.create(params), (error: Stripe.errors.StripeError) => {
      assert.ok(error instanceof Stripe.errors.StripeConnectionError);
      return true;
    });
    assert.equal((await events(sb, 'payment_intent.succeeded')).length, 1);
  });

  test('a refund survives the same fault without refunding twice', async () => {
    const sb = await sandbox();
    const intent = await sb.stripe.paymentIntents.create(params);
    await sb.control('PUT', '/config', { disconnectNext: 1 });
    const refund = await sb
      .client({ maxNetworkRetries: 2 })
      .refunds.create({ payment_intent: intent.id, amount: 1000 });
    assert.equal(refund.amount, 1000);
    assert.equal((await events(sb, 'refund.created')).length, 1);
    const charge = await sb.stripe.charges.retrieve(String(intent.latest_charge));
    assert.equal(charge.amount_refunded, 1000);
  });
});

describe('LATENCY_MS', () => {
  test('a slow answer: a caller with a shorter timeout gives up, yet the work is done once', async () => {
    const sb = await sandbox({ LATENCY_MS: '600' });
    const impatient = sb.client({ timeout: 100 });
    await assert.rejects(
      impatient.paymentIntents.create(params, { idempotencyKey: 'slow-1' }),
      (error: Error) => {
        assert.ok(error instanceof Stripe.errors.StripeConnectionError);
        assert.match(error.message, /timeout/);
        return true;
      },
    );
    await waitFor(async () =>
      assert.equal((await events(sb, 'payment_intent.succeeded')).length, 1, 'the payment went through'),
    );
    // The caller asks again with the same key: it gets the first result, not a second charge.
    const patient = sb.client({ timeout: 5000 });
    const intent = await patient.paymentIntents.create(params, { idempotencyKey: 'slow-1' });
    assert.equal(intent.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal((await events(sb, 'charge.succeeded')).length, 1, 'charged once');
  });
});

describe('PROCESSING_MS: the outcome comes later, by webhook only', () => {
  test('an approved card passes through processing to succeeded', async () => {
    const sb = await sandbox({ PROCESSING_MS: '200' });
    const intent = await sb.stripe.paymentIntents.create(params);
    assert.equal(intent.status, 'processing');
    assert.equal(intent.amount_received, 0);
    await waitFor(async () =>
      assert.equal((await sb.stripe.paymentIntents.retrieve(intent.id)).status, 'succeeded', 'settled'),
    );
    const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intent.id}`);
    assert.deepEqual(
      body.items.map((e) => e.event.type),
      [
        'payment_intent.created',
        'charge.pending',
        'payment_intent.processing',
        'charge.succeeded',
        'payment_intent.succeeded',
      ],
    );
  });

  test('a declined card answers processing first, then fails', async () => {
    const sb = await sandbox({ PROCESSING_MS: '200' });
    const intent = await sb.stripe.paymentIntents.create({
      ...params,
      payment_method: 'pm_card_chargeDeclined',
    });
    assert.equal(intent.status, 'processing', 'no 402: the answer is not known yet');
    await waitFor(async () => {
      const settled = await sb.stripe.paymentIntents.retrieve(intent.id);
      assert.equal(settled.status, 'requires_payment_method', 'settled as failed');
      assert.equal(settled.last_payment_error?.decline_code, 'generic_decline', 'with the decline');
    });
    assert.equal((await events(sb, 'payment_intent.payment_failed')).length, 1);
  });
});
