import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import {
  WEBHOOK_SECRET,
  startSandbox,
  startWebhookReceiver,
  verified,
  type RunningSandbox,
  type WebhookReceiver,
} from './helpers.js';

const running: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setUp(
  env: Record<string, string> = {},
  respond?: (n: number) => number,
): Promise<{ sb: RunningSandbox; hooks: WebhookReceiver }> {
  const hooks = await startWebhookReceiver(respond);
  const sb = await startSandbox({ WEBHOOK_URL: hooks.url, ...env });
  running.push(sb, hooks);
  return { sb, hooks };
}

function pay(sb: RunningSandbox, paymentMethod = 'pm_card_visa') {
  return sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount: 2000,
    currency: 'usd',
    payment_method: paymentMethod,
    confirm: true,
    metadata: { order_id: 'order-1' },
  });
}

async function logged(sb: RunningSandbox, eventId: string): Promise<LoggedEvent> {
  return (await sb.control<LoggedEvent>('GET', `/events/${eventId}`)).body;
}

describe('signed deliveries', () => {
  test('every event is POSTed in order, signed so the SDK verifies it', async () => {
    const { sb, hooks } = await setUp();
    const intent = await pay(sb);
    await waitFor(() => assert.equal(hooks.received.length, 3, 'three events delivered'));

    const events = hooks.received.map((hook) => verified(sb.stripe, hook));
    assert.deepEqual(
      events.map((e) => e.type),
      ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded'],
    );
    const succeeded = events[2] as Stripe.PaymentIntentSucceededEvent;
    assert.match(succeeded.id, /^evt_/);
    assert.equal(succeeded.object, 'event');
    assert.equal(succeeded.livemode, false);
    assert.equal(succeeded.api_version, '2026-08-26.dahlia');
    assert.equal(succeeded.pending_webhooks, 1);
    assert.equal(succeeded.data.object.id, intent.id);
    assert.equal(succeeded.data.object.status, 'succeeded');
    assert.equal(succeeded.data.object.metadata.order_id, 'order-1');
    assert.equal(succeeded.request?.id, intent.lastResponse.requestId);
    assert.equal((events[0] as Stripe.PaymentIntentCreatedEvent).data.object.status, 'requires_confirmation');

    const hook = hooks.received[2]!;
    assert.equal(hook.headers['content-type'], 'application/json; charset=utf-8');
    assert.match(String(hook.headers['user-agent']), /^Stripe\/1\.0/);
    const signature = String(hook.headers['stripe-signature']);
    assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    const timestamp = Number(/t=(\d+)/.exec(signature)?.[1]);
    assert.ok(Math.abs(timestamp - Date.now() / 1000) < 60, 'signed with the current time');

    const delivered = await logged(sb, succeeded.id);
    assert.equal(delivered.deliveries.length, 1);
    assert.equal(delivered.deliveries[0]?.status, 200);
    assert.equal(
      (await sb.stripe.events.retrieve(succeeded.id)).pending_webhooks,
      0,
      'nothing pending once delivered',
    );
  });

  test('a tampered body, an old timestamp or another secret fail verification', async () => {
    const { sb, hooks } = await setUp();
    await pay(sb);
    await waitFor(() => assert.equal(hooks.received.length, 3, 'three events delivered'));
    const hook = hooks.received[0]!;
    const signature = String(hook.headers['stripe-signature']);
    const raises = (fn: () => unknown, message: RegExp) =>
      assert.throws(fn, (error: Error) => {
        assert.ok(error instanceof Stripe.errors.StripeSignatureVerificationError, 'a signature error');
        assert.match(error.message, message);
        return true;
      });

    raises(
      () =>
        sb.stripe.webhooks.constructEvent(
          hook.body.replace('"amount": 2000', '"amount": 1'),
          signature,
          WEBHOOK_SECRET,
        ),
      /No signatures found matching/,
    );
    raises(
      () =>
        sb.stripe.webhooks.constructEvent(JSON.stringify(JSON.parse(hook.body)), signature, WEBHOOK_SECRET),
      /No signatures found matching/,
    );
    raises(
      () => sb.stripe.webhooks.constructEvent(hook.body, signature, 'whsec_another_secret'),
      /No signatures found matching/,
    );
    // Received (or replayed) six minutes later: outside the SDK's default 300 s tolerance.
    raises(
      () =>
        sb.stripe.webhooks.constructEvent(
          hook.body,
          signature,
          WEBHOOK_SECRET,
          undefined,
          undefined,
          Date.now() + 360_000,
        ),
      /Timestamp outside the tolerance zone/,
    );
    assert.doesNotThrow(() =>
      sb.stripe.webhooks.constructEvent(
        hook.body,
        signature,
        WEBHOOK_SECRET,
        undefined,
        undefined,
        Date.now() + 60_000,
      ),
    );
  });

  test('no WEBHOOK_URL: events are logged, nothing is sent', async () => {
    const hooks = await startWebhookReceiver();
    const sb = await startSandbox();
    running.push(sb, hooks);
    const intent = await pay(sb);
    const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intent.id}`);
    assert.equal(body.items.length, 3);
    assert.ok(body.items.every((e) => e.event.pending_webhooks === 0 && e.deliveries.length === 0));
    await sleep(100);
    assert.equal(hooks.received.length, 0);
  });
});

describe('failed deliveries', () => {
  test('a non-2xx answer is retried with backoff until it succeeds', async () => {
    const { sb, hooks } = await setUp({}, (n) => (n < 2 ? 500 : 200));
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
    });
    await waitFor(() => assert.equal(hooks.received.length, 3, 'two failures and a success'));
    const ids = hooks.received.map((hook) => verified(sb.stripe, hook).id);
    assert.equal(new Set(ids).size, 1, 'the same event each time');
    assert.ok(
      hooks.received.every((hook) => hook.body === hooks.received[0]!.body),
      'the same bytes each time',
    );

    const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intent.id}`);
    assert.deepEqual(
      body.items[0]!.deliveries.map((d) => [d.attempt, d.status]),
      [
        [1, 500],
        [2, 500],
        [3, 200],
      ],
    );
    assert.equal(body.items[0]!.event.pending_webhooks, 0);
  });

  test('retries are bounded', async () => {
    const { sb, hooks } = await setUp({ WEBHOOK_MAX_ATTEMPTS: '3' }, () => 503);
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
    });
    await waitFor(() => assert.equal(hooks.received.length, 3, 'three attempts'));
    await sleep(500); // well past the next backoff (50 ms * 2^2)
    assert.equal(hooks.received.length, 3, 'no fourth attempt');
    const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intent.id}`);
    assert.equal(body.items[0]!.deliveries.length, 3);
    assert.equal(body.items[0]!.event.pending_webhooks, 1, 'still pending');
  });

  test('an unreachable endpoint is recorded as a network error', async () => {
    const { sb, hooks } = await setUp({ WEBHOOK_MAX_ATTEMPTS: '2' });
    await hooks.close();
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
    });
    await waitFor(async () => {
      const { body } = await sb.control<{ items: LoggedEvent[] }>(
        'GET',
        `/events?payment_intent=${intent.id}`,
      );
      assert.equal(body.items[0]?.deliveries.length, 2, 'two attempts recorded');
      assert.equal(body.items[0]?.deliveries[0]?.status, null, 'no HTTP status');
      assert.match(
        String(body.items[0]?.deliveries[0]?.error),
        /ECONNREFUSED|fetch failed/,
        'the network error',
      );
    });
  });

  test('redeliver sends an event again on demand', async () => {
    const { sb, hooks } = await setUp();
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
    });
    await waitFor(() => assert.equal(hooks.received.length, 1, 'delivered once'));
    const { body: page } = await sb.control<{ items: LoggedEvent[] }>(
      'GET',
      `/events?payment_intent=${intent.id}`,
    );
    const eventId = page.items[0]!.event.id;
    const { status, body } = await sb.control<LoggedEvent>('POST', `/events/${eventId}/redeliver`);
    assert.equal(status, 200);
    assert.deepEqual(
      body.deliveries.map((d) => [d.copy, d.status]),
      [
        [1, 200],
        [2, 200],
      ],
    );
    assert.equal(hooks.received.length, 2);
    assert.equal(verified(sb.stripe, hooks.received[1]!).id, eventId);
    assert.equal((await sb.control('POST', '/events/evt_missing/redeliver')).status, 404);
  });
});

test("one PaymentIntent's slow endpoint answer does not hold back another's events", async () => {
  // The endpoint answers nothing about the first payment until an event of the second arrives.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Stripe.Event;
      const object = event.data.object as { id: string; description?: string | null };
      arrived.push(event.type);
      if (object.description === 'second') release();
      void (object.description === 'first' ? released : Promise.resolve()).then(() => response.end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  });
  const sb = await startSandbox({
    WEBHOOK_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
  });
  running.push(sb);
  const create = (description: string) =>
    sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000,
      currency: 'usd',
      description,
    });
  await create('first');
  await create('second');
  await waitFor(() => assert.equal(arrived.length, 2, 'both payments had their event delivered'));
});

describe('delivery knobs', () => {
  test('WEBHOOK_DUPLICATES delivers each event N times, each validly signed', async () => {
    const { sb, hooks } = await setUp({ WEBHOOK_DUPLICATES: '3' });
    await pay(sb);
    await waitFor(() => assert.equal(hooks.received.length, 9, 'three events, three times each'));
    const events = hooks.received.map((hook) => verified(sb.stripe, hook));
    assert.equal(new Set(events.map((e) => e.id)).size, 3);
    for (const id of new Set(events.map((e) => e.id))) {
      assert.equal(events.filter((e) => e.id === id).length, 3);
    }
  });

  test("out of order: one PaymentIntent's events arrive shuffled", async () => {
    const { sb, hooks } = await setUp();
    await sb.control('PUT', '/config', { webhookOutOfOrder: true });
    const intent = await pay(sb);
    await waitFor(() => assert.equal(hooks.received.length, 3, 'three events delivered'));
    const { body } = await sb.control<{ items: LoggedEvent[] }>('GET', `/events?payment_intent=${intent.id}`);
    const emitted = body.items.map((e) => e.event.id);
    const arrived = hooks.received.map((hook) => verified(sb.stripe, hook).id);
    assert.deepEqual([...arrived].sort(), [...emitted].sort(), 'all of them arrive');
    assert.notDeepEqual(arrived, emitted, 'not in the order they happened');
  });

  test('a delay holds deliveries back', async () => {
    const { sb, hooks } = await setUp({ WEBHOOK_DELAY_MS: '1500' });
    await sb.stripe.paymentIntents.create({ payment_method_types: ['card'], amount: 1000, currency: 'usd' });
    assert.equal(hooks.received.length, 0, 'not yet');
    await waitFor(() => assert.equal(hooks.received.length, 1, 'delivered after the delay'));
  });

  test('turning webhooks off at runtime stops deliveries', async () => {
    const { sb, hooks } = await setUp();
    await sb.control('PUT', '/config', { webhookUrl: '' });
    await pay(sb);
    await sleep(100);
    assert.equal(hooks.received.length, 0);
  });
});
