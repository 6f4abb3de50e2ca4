import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { API_KEY, startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox();
});
after(async () => sb.close());

async function createdCount(): Promise<number> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', '/events?type=payment_intent.created');
  return body.items.length;
}

const params: Stripe.PaymentIntentCreateParams = {
  payment_method_types: ['card'],
  amount: 1000,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
};

test('a wrong secret key is a 401 StripeAuthenticationError, and nothing happens', async () => {
  const stranger = new Stripe('sk_test_someone_elses_key', {
    host: '127.0.0.1',
    port: sb.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  await assert.rejects(stranger.paymentIntents.create(params), (error: Stripe.errors.StripeError) => {
    assert.ok(error instanceof Stripe.errors.StripeAuthenticationError);
    assert.equal(error.statusCode, 401);
    assert.equal(error.rawType, 'invalid_request_error');
    assert.equal(error.message, 'Invalid API Key provided: sk_test_*************_key');
    return true;
  });
  assert.equal(await createdCount(), 0);
});

test('no key at all', async () => {
  const response = await fetch(`${sb.url}/v1/payment_intents/pi_123`);
  assert.equal(response.status, 401);
  const body = (await response.json()) as { error: { type: string; message: string } };
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /^You did not provide an API key/);
});

test('Basic auth with the key as user name works, as on Stripe (curl -u sk_test_…:)', async () => {
  const response = await fetch(`${sb.url}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'amount=1000&currency=usd',
  });
  assert.equal(response.status, 200);
  assert.match(String(response.headers.get('request-id')), /^req_/);
  assert.equal(((await response.json()) as { status: string }).status, 'requires_payment_method');
});

test('a JSON body is refused as Stripe refuses it: only form bodies are read', async () => {
  const before = await createdCount();
  const response = await fetch(`${sb.url}/v1/payment_intents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 1000, currency: 'usd' }),
  });
  assert.equal(response.status, 400);
  const body = (await response.json()) as { error: { type: string; message: string } };
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /application\/x-www-form-urlencoded/);
  assert.equal(await createdCount(), before, 'nothing was created');
});

test('the control API wants the same key, and answers problem+json', async () => {
  for (const authorization of [undefined, 'Bearer sk_test_wrong']) {
    const response = await fetch(`${sb.url}/_sandbox/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ errorRate: 1 }),
    });
    assert.equal(response.status, 401);
    assert.match(String(response.headers.get('content-type')), /application\/problem\+json/);
  }
  const { body } = await sb.control<{ errorRate: number }>('GET', '/config');
  assert.equal(body.errorRate, 0, 'the knob did not change');
});
