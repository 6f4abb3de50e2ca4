import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import { WEBHOOK_SECRET, startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';
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
