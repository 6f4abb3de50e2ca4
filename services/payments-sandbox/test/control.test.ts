import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startChildService } from '@shop/platform';
import Stripe from 'stripe';
import type { LoggedEvent } from '../src/domain/event-log.js';
import type { SandboxSettings } from '../src/settings.js';
import { API_KEY, startSandbox, type RunningSandbox } from './support/sandbox-under-test.js';

let sb: RunningSandbox;
before(async () => {
  sb = await startSandbox({ LATENCY_MS: '0', WEBHOOK_DUPLICATES: '2' });
});
after(async () => sb.close());

interface Page {
  items: LoggedEvent[];
  nextCursor: string | null;
}

test('the knobs start from the environment and change at runtime', async () => {
  const initial = await sb.control<SandboxSettings>('GET', '/config');
  assert.equal(initial.status, 200);
  assert.deepEqual(initial.body, {
    latencyMs: 0,
    errorRate: 0,
    disconnectRate: 0,
    processingMs: 0,
    webhookUrl: '',
    webhookDuplicates: 2,
    webhookOutOfOrder: false,
    webhookDelayMs: 0,
    failNext: 0,
    disconnectNext: 0,
  });
  const changed = await sb.control<SandboxSettings>('PUT', '/config', {
    errorRate: 0.25,
    webhookDelayMs: 10,
  });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.errorRate, 0.25);
  assert.equal(changed.body.webhookDelayMs, 10);
  assert.equal(changed.body.webhookDuplicates, 2, 'fields not sent keep their values');

  const unknown = await sb.control<{ errors: { field: string }[] }>('PUT', '/config', { errorRat: 1 });
  assert.equal(unknown.status, 400);
  assert.deepEqual(
    unknown.body.errors.map((e) => e.field),
    ['body.errorRat'],
  );
  const outOfRange = await sb.control<{ errors: { field: string }[] }>('PUT', '/config', { errorRate: 2 });
  assert.equal(outOfRange.status, 400);
  assert.equal(outOfRange.body.errors[0]?.field, 'body.errorRate');
  assert.equal(
    (await sb.control<SandboxSettings>('GET', '/config')).body.errorRate,
    0.25,
    'refused changes change nothing',
  );
  await sb.control('POST', '/reset');
});

test('the event log pages with a cursor, oldest first', async () => {
  await sb.control('POST', '/reset');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const intent = await sb.stripe.paymentIntents.create({
      payment_method_types: ['card'],
      amount: 1000 + i,
      currency: 'usd',
    });
    ids.push(intent.id);
  }
  const first = await sb.control<Page>('GET', '/events?limit=2');
  assert.equal(first.status, 200);
  assert.deepEqual(
    first.body.items.map((e) => e.paymentIntent),
    ids.slice(0, 2),
  );
  assert.ok(first.body.nextCursor);
  const second = await sb.control<Page>('GET', `/events?limit=2&cursor=${first.body.nextCursor}`);
  assert.deepEqual(
    second.body.items.map((e) => e.paymentIntent),
    ids.slice(2),
  );
  assert.equal(second.body.nextCursor, null);

  const tampered = await sb.control('GET', '/events?cursor=bm9wZQ');
  assert.equal(tampered.status, 400);
  const unknownFilter = await sb.control<{ errors: { field: string }[] }>('GET', '/events?colour=red');
  assert.equal(unknownFilter.status, 400);
  assert.equal(unknownFilter.body.errors[0]?.field, 'query.colour');

  const one = await sb.control<LoggedEvent>('GET', `/events/${first.body.items[0]!.event.id}`);
  assert.equal(one.body.event.type, 'payment_intent.created');
  assert.equal((await sb.control('GET', '/events/evt_missing')).status, 404);

  const viaStripe = await sb.stripe.events.retrieve(first.body.items[0]!.event.id);
  assert.equal(viaStripe.type, 'payment_intent.created');
  assert.equal((viaStripe.data.object as Stripe.PaymentIntent).id, ids[0]);
});

test('reset forgets everything and restores the knobs', async () => {
  const intent = await sb.stripe.paymentIntents.create({
    payment_method_types: ['card'],
    amount: 1000,
    currency: 'usd',
  });
  await sb.control('PUT', '/config', { latencyMs: 5 });
  const reset = await sb.control('POST', '/reset');
  assert.equal(reset.status, 204);
  await assert.rejects(
    sb.stripe.paymentIntents.retrieve(intent.id),
    (e: Stripe.errors.StripeError) => e.statusCode === 404,
  );
  assert.deepEqual((await sb.control<Page>('GET', '/events')).body.items, []);
  assert.equal((await sb.control<SandboxSettings>('GET', '/config')).body.latencyMs, 0);
});

test('health, readiness and the OpenAPI document', async () => {
  assert.equal((await fetch(`${sb.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${sb.url}/readyz`)).status, 200);
  const openapi = (await (await fetch(`${sb.url}/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  for (const path of [
    '/v1/payment_intents',
    '/v1/refunds',
    '/_sandbox/config',
    '/_sandbox/events/{id}/redeliver',
  ]) {
    assert.ok(openapi.paths[path], `${path} is documented`);
  }
});

test('main.ts runs it alone, configured by the environment, and stops on SIGTERM', async () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const child = await startChildService({
    name: 'payments-sandbox',
    entry: 'services/payments-sandbox/src/main.ts',
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', SANDBOX_API_KEY: API_KEY, ERROR_RATE: '1' },
    stdout: 'ignore',
    stderr: 'inherit',
  });
  const url = child.url!;
  const stripe = new Stripe(API_KEY, {
    host: new URL(url).hostname,
    port: Number(new URL(url).port),
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  await assert.rejects(
    stripe.paymentIntents.retrieve('pi_x'),
    (e: Stripe.errors.StripeError) => e.statusCode === 500,
  );
  assert.equal((await child.stop('SIGTERM')).code, 0);
});
