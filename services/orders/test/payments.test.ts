import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import Stripe from 'stripe';
import { http, type Customer, type ProductRef } from './support/shop.js';
import { startOrders, WEBHOOK_SECRET, type OrdersUnderTest } from './support/orders-under-test.js';

let world: OrdersUnderTest;
let alice: Customer;
let mug: ProductRef;

before(async () => {
  // A short payment window, so expiry can be watched; stock holds outlive it.
  world = await startOrders({ PAYMENT_TIMEOUT_SECONDS: '4', RESERVATION_TTL_SECONDS: '60' });
  alice = await world.shop.customer('Alice');
  mug = await world.shop.product({ price: 1000, stock: 50 });
});
after(() => world?.close());

const one = () => ({ items: [{ productId: mug.id, quantity: 1 }] });
const orderRow = async (id: string) =>
  (
    await world.db.query(
      'SELECT status, stock, saga_step, payment_status, payment_intent_id, refund_id, version FROM orders WHERE id = $1',
      [id],
    )
  ).rows[0];
const sideEffects = async (id: string) => {
  const history = await world.db.query(
    'SELECT count(*)::int AS n FROM order_status_history WHERE order_id = $1',
    [id],
  );
  const outbox = await world.db.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1', [id]);
  return { history: history.rows[0].n, outbox: outbox.rows[0].n, order: await orderRow(id) };
};
const levels = async () => {
  const { onHand, reserved } = await world.shop.stock(mug.id);
  return { onHand, reserved };
};
const refundsOf = async (intentId: string) =>
  (await world.shop.paymentEvents(intentId)).filter((e) => e.event.type === 'charge.refunded').length;

describe('3-D Secure and webhooks', () => {
  test('a card that needs authentication waits, then the webhook makes the order paid', async () => {
    const placed = await world.checkout(alice, { ...one(), paymentMethod: 'pm_card_threeDSecure2Required' });
    assert.equal(placed.status, 201);
    assert.equal(placed.body.status, 'awaiting_payment');
    assert.equal(placed.body.payment.status, 'requires_action');
    assert.equal(placed.body.payment.nextAction.type, 'redirect_to_url');
    assert.match(placed.body.payment.nextAction.redirectUrl, /^http/);
    assert.equal((await orderRow(placed.body.id)).stock, 'held');

    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    await world.shop.sandbox('POST', `/_sandbox/payment_intents/${intent}/complete_action`, {
      outcome: 'succeed',
    });
    await waitFor(async () =>
      assert.equal((await orderRow(placed.body.id)).status, 'paid', 'paid by webhook'),
    );
    assert.equal((await orderRow(placed.body.id)).stock, 'committed');
  });

  test('a failed authentication fails the payment and releases the stock', async () => {
    const before = await levels();
    const placed = await world.checkout(alice, { ...one(), paymentMethod: 'pm_card_threeDSecure2Required' });
    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    await world.shop.sandbox('POST', `/_sandbox/payment_intents/${intent}/complete_action`, {
      outcome: 'fail',
    });
    await waitFor(async () => {
      const row = await orderRow(placed.body.id);
      assert.equal(row.status, 'payment_failed', 'failed by webhook');
      assert.equal(row.saga_step, 'done', 'stock released');
    });
    assert.deepEqual(await levels(), before);
  });

  test('a duplicated or replayed webhook changes nothing', async () => {
    const placed = await world.checkout(alice, one());
    assert.equal(placed.body.status, 'paid');
    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    await waitFor(async () => {
      const events = await world.shop.paymentEvents(intent);
      assert.ok(events.length > 0, 'webhooks delivered');
    });
    const before = await sideEffects(placed.body.id);
    for (const { event } of await world.shop.paymentEvents(intent)) {
      const again = await world.shop.sandbox('POST', `/_sandbox/events/${event.id}/redeliver`);
      assert.equal(again.status, 200);
    }
    assert.deepEqual(await sideEffects(placed.body.id), before);
    assert.equal(await levels().then((l) => l.reserved), 0);
  });

  test('events arriving late, twice and out of order still settle each order once', async () => {
    await world.shop.sandbox('PUT', '/_sandbox/config', { webhookDuplicates: 3, webhookOutOfOrder: true });
    try {
      const placed = await world.checkout(alice, {
        ...one(),
        paymentMethod: 'pm_card_threeDSecure2Required',
      });
      const { payment_intent_id: intent } = await orderRow(placed.body.id);
      await world.shop.sandbox('POST', `/_sandbox/payment_intents/${intent}/complete_action`, {
        outcome: 'succeed',
      });
      await waitFor(async () => assert.equal((await orderRow(placed.body.id)).status, 'paid', 'paid'), {
        timeoutMs: 20_000,
      });
      const paidEvents = await world.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND event_type = 'order.paid.v1'`,
        [placed.body.id],
      );
      assert.equal(paidEvents.rows[0].n, 1);
    } finally {
      await world.shop.sandbox('PUT', '/_sandbox/config', { webhookDuplicates: 1, webhookOutOfOrder: false });
    }
  });

  test('a webhook with a bad signature is a 400 and changes nothing', async () => {
    const forged = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: {},
    });
    const answer = await world.api('POST', '/api/v1/payments/webhook', {
      body: forged,
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({
          payload: forged,
          secret: 'whsec_wrong',
        }),
      },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errors[0].field, 'headers.stripe-signature');
    const unsigned = await world.api('POST', '/api/v1/payments/webhook', {
      body: forged,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.status, 400);
    const { rows } = await world.db.query(
      `SELECT 1 FROM payment_webhook_events WHERE event_id = 'evt_forged'`,
    );
    assert.equal(rows.length, 0);
  });

  test('a correctly signed event about an unknown intent is acknowledged and ignored', async () => {
    const payload = JSON.stringify({
      id: 'evt_unrelated',
      object: 'event',
      type: 'customer.created',
      data: { object: { id: 'cus_1', object: 'customer' } },
    });
    const headers = {
      'content-type': 'application/json',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
    };
    const first = await world.api('POST', '/api/v1/payments/webhook', { body: payload, headers });
    assert.deepEqual(first.body, { received: true, outcome: 'ignored' });
    const second = await world.api('POST', '/api/v1/payments/webhook', { body: payload, headers });
    assert.deepEqual(second.body, { received: true, outcome: 'duplicate' });
  });
});

describe('a failing payment gateway', () => {
  const intentsOf = async (orderId: string) => {
    const created = await world.shop.sandbox('GET', '/_sandbox/events?type=payment_intent.created&limit=100');
    return created.body.items.filter(
      (e: { event: { data: { object: { metadata: { order_id?: string } } } } }) =>
        e.event.data.object.metadata.order_id === orderId,
    ).length;
  };

  test('errors: the order waits, the saga retries later, and the customer is charged once', async () => {
    await world.shop.sandbox('PUT', '/_sandbox/config', { failNext: 3 });
    const placed = await world.checkout(alice, one());
    assert.equal(placed.status, 201);
    assert.equal(
      placed.body.status,
      'awaiting_payment',
      'the gateway failed every try of the request (the SDK tries 3 times)',
    );
    await waitFor(
      async () => assert.equal((await orderRow(placed.body.id)).status, 'paid', 'paid on retry'),
      {
        timeoutMs: 20_000,
      },
    );
    assert.equal(await intentsOf(placed.body.id), 1);
  });

  test('a lost answer: the retry with the same idempotency key finds the same PaymentIntent', async () => {
    await world.shop.sandbox('PUT', '/_sandbox/config', { disconnectNext: 1 });
    const placed = await world.checkout(alice, one());
    await waitFor(async () => assert.equal((await orderRow(placed.body.id)).status, 'paid', 'paid'), {
      timeoutMs: 20_000,
    });
    assert.equal(await intentsOf(placed.body.id), 1);
  });
});

describe('cancelling and refunds', () => {
  test('cancelling a paid order refunds it exactly once and puts the stock back', async () => {
    const before = await levels();
    const placed = await world.checkout(alice, one());
    assert.equal(placed.body.status, 'paid');
    const cancelled = await world.api('POST', `/api/v1/orders/${placed.body.id}/cancel`, {
      token: alice.token,
    });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.status, 'refunded');
    assert.deepEqual(
      cancelled.body.timeline.map((t: { status: string }) => t.status),
      ['pending', 'awaiting_payment', 'paid', 'cancelled', 'refunded'],
    );
    assert.equal(cancelled.body.payment.status, 'refunded');
    assert.deepEqual(await levels(), before, 'restocked');

    const again = await world.api('POST', `/api/v1/orders/${placed.body.id}/cancel`, { token: alice.token });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'order_not_cancellable');

    const row = await orderRow(placed.body.id);
    assert.ok(row.refund_id);
    await waitFor(async () => assert.equal(await refundsOf(row.payment_intent_id), 1, 'one refund'));
    const { rows } = await world.db.query(
      'SELECT event_type FROM outbox WHERE aggregate_id = $1 ORDER BY id',
      [placed.body.id],
    );
    assert.deepEqual(
      rows.map((r) => r.event_type),
      [
        'order.placed.v1',
        'order.awaiting_payment.v1',
        'order.paid.v1',
        'order.cancelled.v1',
        'order.refunded.v1',
      ],
      'one event per transition, the refund once',
    );
    const history = await world.db.query(
      'SELECT status, actor FROM order_status_history WHERE order_id = $1 ORDER BY id',
      [placed.body.id],
    );
    assert.deepEqual(
      history.rows.map((r) => [r.status, r.actor]),
      [
        ['pending', `user:${alice.id}`],
        ['awaiting_payment', 'system'],
        ['paid', 'system'],
        ['cancelled', `user:${alice.id}`],
        ['refunded', 'system'],
      ],
      'who made each change',
    );
  });

  test('cancelling while the customer authenticates voids the payment and releases the stock', async () => {
    const before = await levels();
    const placed = await world.checkout(alice, { ...one(), paymentMethod: 'pm_card_threeDSecure2Required' });
    const cancelled = await world.api('POST', `/api/v1/orders/${placed.body.id}/cancel`, {
      token: alice.token,
    });
    assert.equal(cancelled.body.status, 'cancelled');
    await waitFor(async () => assert.equal((await orderRow(placed.body.id)).saga_step, 'done', 'voided'));
    assert.deepEqual(await levels(), before);
    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    const pi = await world.shop.sandbox('GET', `/v1/payment_intents/${intent}`);
    assert.equal(pi.body.status, 'canceled');
  });

  test('cancelling while the charge is under way: the charge that then succeeds is refunded, its webhook lost', async () => {
    const before = await levels();
    // The gateway answers the charge late and tells nobody about it afterwards.
    await world.shop.sandbox('PUT', '/_sandbox/config', { latencyMs: 1500, webhookUrl: '' });
    try {
      const placing = world.checkout(alice, one());
      const { id } = await waitFor(
        async () => {
          const { rows } = await world.db.query(
            "SELECT id FROM orders WHERE user_id = $1 AND saga_step = 'pay'",
            [alice.id],
          );
          assert.equal(rows.length, 1, 'the order waits for its charge');
          return rows[0] as { id: string };
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      );
      const cancelled = await world.api('POST', `/api/v1/orders/${id}/cancel`, { token: alice.token });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      assert.equal((await placing).body.id, id);

      await waitFor(async () => assert.equal((await orderRow(id)).saga_step, 'done', 'settled'), {
        timeoutMs: 20_000,
        intervalMs: 100,
      });
      const row = await orderRow(id);
      assert.deepEqual([row.status, row.payment_status], ['refunded', 'refunded'], 'the money went back');
      assert.ok(row.payment_intent_id, 'the charge is known');
      assert.equal(await refundsOf(row.payment_intent_id), 1, 'refunded once');
      assert.deepEqual(await levels(), before, 'the hold was given back');
    } finally {
      await world.shop.sandbox('PUT', '/_sandbox/config', {
        latencyMs: 0,
        webhookUrl: `${world.ordersUrl}/api/v1/payments/webhook`,
      });
    }
  });

  test('only the owner cancels; others do not even see the order', async () => {
    const placed = await world.checkout(alice, one());
    const mallory = await world.shop.customer('Mallory');
    const answer = await world.api('POST', `/api/v1/orders/${placed.body.id}/cancel`, {
      token: mallory.token,
    });
    assert.equal(answer.status, 404);
    assert.equal((await orderRow(placed.body.id)).status, 'paid');
  });
});

describe('a stock hold lost before the payment completes', () => {
  test('is refunded: the order is cancelled, the money returned, nothing sold', async () => {
    const before = await levels();
    const placed = await world.checkout(alice, { ...one(), paymentMethod: 'pm_card_threeDSecure2Required' });
    // The hold disappears behind orders' back (as if it had expired while orders was down).
    const token = await http('POST', `${world.users.url}/internal/oauth/token`, {
      body: {
        grant_type: 'client_credentials',
        client_id: 'orders',
        client_secret: world.ordersEnv.SERVICE_CLIENT_SECRET,
        audience: 'products',
      },
    });
    const released = await http(
      'POST',
      `${world.products.url}/internal/reservations/${placed.body.id}/release`,
      {
        token: token.body.access_token,
      },
    );
    assert.equal(released.status, 200);

    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    await world.shop.sandbox('POST', `/_sandbox/payment_intents/${intent}/complete_action`, {
      outcome: 'succeed',
    });
    await waitFor(async () => assert.equal((await orderRow(placed.body.id)).status, 'refunded', 'refunded'));
    const order = await world.api('GET', `/api/v1/orders/${placed.body.id}`, { token: alice.token });
    assert.deepEqual(
      order.body.timeline.map((t: { status: string }) => t.status),
      ['pending', 'awaiting_payment', 'cancelled', 'refunded'],
    );
    assert.deepEqual(await levels(), before, 'nothing was sold');
    await waitFor(async () => assert.equal(await refundsOf(intent), 1, 'one refund'));
  });
});

describe('expiry', () => {
  test('an unpaid order is cancelled after the payment window and its stock released', async () => {
    const before = await levels();
    const placed = await world.checkout(alice, { ...one(), paymentMethod: 'pm_card_threeDSecure2Required' });
    assert.equal(placed.body.status, 'awaiting_payment');
    assert.ok(placed.body.expiresAt);
    assert.equal((await levels()).reserved, before.reserved + 1);

    await waitFor(
      async () => {
        const row = await orderRow(placed.body.id);
        assert.equal(row.status, 'cancelled', 'expired');
        assert.equal(row.saga_step, 'done', 'released');
      },
      { timeoutMs: 20_000 },
    );
    assert.deepEqual(await levels(), before);
    const order = await world.api('GET', `/api/v1/orders/${placed.body.id}`, { token: alice.token });
    assert.equal(order.body.timeline.at(-1).reason, 'The payment was not completed in time.');
    const { payment_intent_id: intent } = await orderRow(placed.body.id);
    const pi = await world.shop.sandbox('GET', `/v1/payment_intents/${intent}`);
    assert.equal(pi.body.status, 'canceled', 'the customer can no longer pay it');
  });
});
