import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Account } from '../../src/domain/account.js';
import { CustomerAuthentication, NoActionPending } from '../../src/domain/customer-authentication.js';
import { PaymentAttempts } from '../../src/domain/payment-attempts.js';
import { PaymentIntents } from '../../src/domain/payment-intents.js';
import { PaymentMethods } from '../../src/domain/payment-methods.js';
import type { AccountEvents, RequestInfo, SettlementSchedule } from '../../src/domain/ports.js';
import { Refunds } from '../../src/domain/refunds.js';
import { StripeError } from '../../src/domain/stripe-error.js';
import type { EventType } from '../../src/domain/stripe-fields.js';
import type { EventObject, StripeEvent } from '../../src/domain/stripe-objects.js';

/**
 * The payment use cases in process, against fakes of their ports: an in-memory account, an
 * event recorder instead of the event log, and a schedule the test runs by hand. No HTTP.
 */
interface Emitted {
  type: EventType;
  object: EventObject;
  request: RequestInfo;
}

function payments(processingMs = 0) {
  const account = new Account();
  const emitted: Emitted[] = [];
  const events: AccountEvents = {
    emit: (type, object, request) => {
      emitted.push({ type, object: structuredClone(object), request });
      return { type } as StripeEvent;
    },
  };
  const pending: (() => void)[] = [];
  const settlements: SettlementSchedule = {
    processingMs: () => processingMs,
    schedule: (_ms, task) => void pending.push(task),
  };
  const { paymentIntents: intentStore, charges, refunds: refundStore } = account;
  const paymentMethods = new PaymentMethods({ paymentMethods: account.paymentMethods });
  const attempts = new PaymentAttempts({
    intents: intentStore,
    charges,
    paymentMethods,
    events,
    settlements,
  });
  return {
    account,
    emitted,
    types: () => emitted.map((event) => event.type),
    settleAll: () => pending.splice(0).forEach((task) => task()),
    attempts,
    intents: new PaymentIntents({ intents: intentStore, charges, paymentMethods, attempts, events }),
    refunds: new Refunds({ intents: intentStore, charges, refunds: refundStore, events }),
    authentication: new CustomerAuthentication({ intents: intentStore, paymentMethods, attempts, events }),
  };
}

const request: RequestInfo = { id: 'req_test', idempotencyKey: 'key-1' };
const publicUrl = 'http://sandbox.test';
const card = (payment_method: string) => ({
  amount: 1000,
  currency: 'EUR',
  payment_method,
  payment_method_types: ['card'],
  confirm: true,
});

describe('payment use cases in process', () => {
  test('an approved card: succeeded, captured, the events in order with the request', () => {
    const p = payments();
    const intent = p.intents.create(card('pm_card_visa'), { publicUrl }, request);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.currency, 'eur');
    assert.equal(intent.amount_received, 1000);
    assert.match(intent.payment_method ?? '', /^pm_/);
    const charge = p.account.charges.get(intent.latest_charge!)!;
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.amount_captured, 1000);
    assert.deepEqual(p.types(), ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    assert.ok(p.emitted.every((event) => event.request === request));
  });

  test('a declined card throws a card_error and leaves the intent waiting for another card', () => {
    const p = payments();
    assert.throws(
      () => p.intents.create(card('pm_card_chargeDeclinedInsufficientFunds'), { publicUrl }, request),
      (error: unknown) =>
        error instanceof StripeError &&
        error.body.type === 'card_error' &&
        error.body.decline_code === 'insufficient_funds' &&
        error.body.payment_intent?.status === 'requires_payment_method',
    );
    const [stored] = p.account.paymentIntents.values();
    assert.equal(stored!.payment_method, null);
    assert.equal(stored!.last_payment_error?.code, 'card_declined');
    assert.equal(p.account.charges.get(stored!.latest_charge!)!.status, 'failed');
    assert.deepEqual(p.types(), ['payment_intent.created', 'charge.failed', 'payment_intent.payment_failed']);
  });

  test('with the processing knob the answer is `processing` and the settlement comes later', () => {
    const p = payments(5000);
    const intent = p.intents.create(card('pm_card_visa'), { publicUrl }, request);
    assert.equal(intent.status, 'processing');
    assert.deepEqual(p.types(), ['payment_intent.created', 'charge.pending', 'payment_intent.processing']);
    p.settleAll();
    assert.equal(p.intents.retrieve(intent.id).status, 'succeeded');
    const settled = p.emitted.slice(3);
    assert.deepEqual(
      settled.map((event) => event.type),
      ['charge.succeeded', 'payment_intent.succeeded'],
    );
    assert.ok(settled.every((event) => event.request.id === null && event.request.idempotencyKey === null));
  });

  test('3-D Secure: the customer passes once; a second answer is refused', () => {
    const p = payments();
    const intent = p.intents.create(card('pm_card_threeDSecure2Required'), { publicUrl }, request);
    assert.equal(intent.status, 'requires_action');
    assert.equal(intent.next_action?.type, 'use_stripe_sdk');
    const passed = p.authentication.completeAction(intent.id, 'succeed');
    assert.equal(passed.status, 'succeeded');
    const charge = p.account.charges.get(passed.latest_charge!)!;
    assert.equal(charge.payment_method_details.card.three_d_secure?.result, 'authenticated');
    assert.throws(() => p.authentication.completeAction(intent.id, 'fail'), NoActionPending);
    assert.equal(p.intents.retrieve(intent.id).status, 'succeeded');
  });

  test('a partial capture releases the rest; refunds never exceed what was captured', () => {
    const p = payments();
    const created = p.intents.create(
      { ...card('pm_card_visa'), capture_method: 'manual' },
      { publicUrl },
      request,
    );
    assert.equal(created.status, 'requires_capture');
    const captured = p.intents.capture(created.id, { amount_to_capture: 600 }, request);
    assert.equal(captured.amount_received, 600);
    const charge = () => p.account.charges.get(captured.latest_charge!)!;
    assert.equal(charge().amount_refunded, 400);

    const refund = p.refunds.create({ payment_intent: created.id }, request);
    assert.equal(refund.amount, 600);
    assert.equal(charge().refunded, true);
    assert.throws(
      () => p.refunds.create({ payment_intent: created.id }, request),
      (error: unknown) => error instanceof StripeError && error.body.code === 'charge_already_refunded',
    );
    assert.equal(p.account.refunds.size, 1);
  });
});
