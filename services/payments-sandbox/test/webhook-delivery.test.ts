import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import type Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';
import { startWebhookReceiver, verified, type WebhookReceiver } from './support/webhook-receiver.js';

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
