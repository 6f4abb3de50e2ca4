import { randomInt, randomUUID } from 'node:crypto';
import type { StoredPaymentMethod } from './account.js';
import { newId, unixNow } from './ids.js';
import type { Charge, PaymentIntent } from './stripe-objects.js';
import type { CardBehaviour } from './test-cards.js';

export type Decline = Extract<CardBehaviour, { kind: 'decline' }>;

/** A charge attempt on a card, before the network has answered (`pending`). */
export function pendingCharge(
  intent: PaymentIntent,
  paymentMethod: StoredPaymentMethod,
  authenticated: boolean,
): Charge {
  const { card, billing_details } = paymentMethod.method;
  return {
    id: newId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details,
    calculated_statement_descriptor: 'SHOP SANDBOX',
    captured: false,
    created: unixNow(),
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: null,
    paid: false,
    payment_intent: intent.id,
    payment_method: paymentMethod.method.id,
    payment_method_details: {
      card: {
        amount_authorized: null,
        authorization_code: null,
        brand: card.brand,
        checks: card.checks,
        country: card.country,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        fingerprint: card.fingerprint,
        funding: card.funding,
        installments: null,
        last4: card.last4,
        mandate: null,
        network: card.brand,
        network_transaction_id: null,
        regulated_status: 'unregulated',
        three_d_secure: authenticated
          ? {
              authentication_flow: 'challenge',
              electronic_commerce_indicator: '05',
              exemption_indicator: null,
              result: 'authenticated',
              result_reason: null,
              transaction_id: randomUUID(),
              version: '2.2.0',
            }
          : null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'pending',
    transfer_data: null,
    transfer_group: null,
  };
}

/** The issuer approved: funds are authorised, and captured unless the intent captures manually. */
export function approve(charge: Charge, capture: boolean): void {
  charge.status = 'succeeded';
  charge.paid = true;
  charge.payment_method_details.card.amount_authorized = charge.amount;
  charge.payment_method_details.card.authorization_code = String(randomInt(100_000, 1_000_000));
  charge.payment_method_details.card.network_transaction_id = String(randomInt(100_000_000, 1_000_000_000));
  charge.outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    seller_message: 'Payment complete.',
    type: 'authorized',
  };
  if (capture) captureAmount(charge, charge.amount);
}

/** Captures `amount`; the rest of the authorisation is released, which Stripe reports as refunded. */
export function captureAmount(charge: Charge, amount: number): void {
  charge.captured = true;
  charge.amount_captured = amount;
  charge.amount_refunded = charge.amount - amount;
  charge.balance_transaction = newId('txn');
}

export function decline(charge: Charge, reason: Decline): void {
  charge.status = 'failed';
  charge.paid = false;
  charge.failure_code = reason.code;
  charge.failure_message = reason.message;
  charge.outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'declined_by_network',
    reason: reason.declineCode,
    risk_level: 'normal',
    seller_message: reason.sellerMessage,
    type: 'issuer_declined',
  };
}

/** Releases an uncaptured authorisation (the intent was cancelled). */
export function release(charge: Charge): void {
  charge.amount_refunded = charge.amount;
  charge.refunded = true;
}

export function refundable(charge: Charge): number {
  return charge.status === 'succeeded' && charge.captured ? charge.amount - charge.amount_refunded : 0;
}

export function recordRefund(charge: Charge, amount: number): void {
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
}
