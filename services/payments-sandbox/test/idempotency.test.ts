import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { API_KEY, startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox();
});
after(async () => sb.close());

const params: Stripe.PaymentIntentCreateParams = {
  payment_method_types: ['card'],
  amount: 3100,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  confirm: true,
  metadata: { order_id: 'idem' },
};

async function eventsOf(intentId: string, type?: string): Promise<LoggedEvent[]> {
  const filter = type ? `&type=${type}` : '';
  const { body } = await sb.control<{ items: LoggedEvent[] }>(
    'GET',
    `/events?payment_intent=${intentId}${filter}`,
  );
  return body.items;
}

async function allCreated(): Promise<LoggedEvent[]> {
  const { body } = await sb.control<{ items: LoggedEvent[] }>(
    'GET',
    '/events?type=payment_intent.created&limit=100',
  );
  return body.items;
}

test('the same key with the same parameters replays the first answer', async () => {
  const key = randomUUID();
  const first = await sb.stripe.paymentIntents.create(params, { idempotencyKey: key });
  const second = await sb.stripe.paymentIntents.create(params, { idempotencyKey: key });

  assert.equal(second.id, first.id);
  assert.deepEqual({ ...second }, { ...first }, 'the same body');
  assert.equal(first.lastResponse.headers['idempotent-replayed'], undefined);
  assert.equal(second.lastResponse.headers['idempotent-replayed'], 'true');
  assert.equal(second.lastResponse.headers['original-request'], first.lastResponse.requestId);
  assert.notEqual(second.lastResponse.requestId, first.lastResponse.requestId);
  assert.equal(second.lastResponse.headers['idempotency-key'], key);

  const created = await eventsOf(first.id, 'payment_intent.created');
  assert.equal(created.length, 1, 'one PaymentIntent');
  assert.deepEqual(created[0]?.event.request, { id: first.lastResponse.requestId, idempotency_key: key });
  assert.equal((await eventsOf(first.id, 'charge.succeeded')).length, 1, 'one charge');
});

test('a declined first answer (402) is replayed too: the card is not tried again', async () => {
  const key = randomUUID();
  const attempt = () =>
    sb.stripe.paymentIntents
      .create({ ...params, payment_method: 'pm_card_chargeDeclined' }, { idempotencyKey: key })
      .then(
        () => assert.fail('declined'),
        (error: Stripe.errors.StripeCardError) => error,
      );
  const first = await attempt();
  const second = await attempt();
  assert.equal(second.statusCode, 402);
  assert.equal(second.charge, first.charge);
  assert.equal(second.headers?.['idempotent-replayed'], 'true');
  assert.equal((await eventsOf(first.payment_intent!.id, 'charge.failed')).length, 1);
});

test('the same key with other parameters is an idempotency_error, and nothing runs', async () => {
  const key = randomUUID();
  const first = await sb.stripe.paymentIntents.create(params, { idempotencyKey: key });
  const before = (await allCreated()).length;
  await assert.rejects(
    sb.stripe.paymentIntents.create({ ...params, amount: 3200 }, { idempotencyKey: key }),
    (error: Stripe.errors.StripeError) => {
      assert.ok(error instanceof Stripe.errors.StripeIdempotencyError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.rawType, 'idempotency_error');
      assert.match(error.message, /can only be used with the same parameters/);
      return true;
    },
  );
  await assert.rejects(
    sb.stripe.refunds.create({ payment_intent: first.id }, { idempotencyKey: key }),
    (error: Stripe.errors.StripeError) => {
      assert.ok(error instanceof Stripe.errors.StripeIdempotencyError);
      assert.match(error.message, /same endpoint/);
      return true;
    },
  );
  assert.equal((await allCreated()).length, before, 'no PaymentIntent was created');
  assert.deepEqual(
    (await eventsOf(first.id)).filter((e) => e.event.type === 'refund.created'),
    [],
    'no refund was made',
  );
});

test('parameters sent in another order are the same parameters', async () => {
  const key = randomUUID();
  const body = (order: string[]) =>
    order
      .map((k) => `${k}=${encodeURIComponent({ amount: '1000', currency: 'usd', 'metadata[a]': '1' }[k]!)}`)
      .join('&');
  const send = (order: string[]) =>
    fetch(`${sb.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        'idempotency-key': key,
      },
      body: body(order),
    });
  const first = await send(['amount', 'currency', 'metadata[a]']);
  const second = await send(['metadata[a]', 'currency', 'amount']);
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await second.json(), await first.json());
});

test('concurrent requests with one key execute once', async () => {
  const key = randomUUID();
  const results = await Promise.all(
    Array.from({ length: 8 }, () => sb.stripe.paymentIntents.create(params, { idempotencyKey: key })),
  );
  const ids = new Set(results.map((intent) => intent.id));
  assert.equal(ids.size, 1, 'every caller got the same PaymentIntent');
  const replayed = results.filter((intent) => intent.lastResponse.headers['idempotent-replayed'] === 'true');
  assert.equal(replayed.length, 7, 'one executed, the others replayed it');
  const [id] = [...ids];
  assert.equal((await eventsOf(id!, 'payment_intent.created')).length, 1);
  assert.equal((await eventsOf(id!, 'charge.succeeded')).length, 1, 'the card was charged once');
});

test('a request refused by validation saves nothing under its key', async () => {
  const key = randomUUID();
  await assert.rejects(
    sb.stripe.paymentIntents.create(
      { ...params, amount: 'lots' as unknown as number },
      { idempotencyKey: key },
    ),
    (error: Stripe.errors.StripeError) => error.code === 'parameter_invalid_integer',
  );
  const intent = await sb.stripe.paymentIntents.create(params, { idempotencyKey: key });
  assert.equal(intent.status, 'succeeded');
  assert.equal(intent.lastResponse.headers['idempotent-replayed'], undefined);
});

test('keys longer than 255 characters are refused', async () => {
  await assert.rejects(
    sb.stripe.paymentIntents.create(params, { idempotencyKey: 'k'.repeat(256) }),
    (error: Stripe.errors.StripeError) => {
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /at most 255 characters/);
      return true;
    },
  );
});

test('every POST of the SDK carries a key, so its own retries are safe', async () => {
  const intent = await sb.stripe.paymentIntents.create(params);
  assert.match(String(intent.lastResponse.headers['idempotency-key']), /^stripe-node-retry-/);
});
