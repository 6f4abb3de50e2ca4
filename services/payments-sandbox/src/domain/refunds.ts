import { recordRefund, refundable } from './charges.js';
import { formatAmount } from './currencies.js';
import { newId, unixNow } from './ids.js';
import type { AccountEvents, Lookup, ObjectStore, RequestInfo } from './ports.js';
import { snapshot } from './snapshot.js';
import type { MetadataParam, RefundReason } from './stripe-fields.js';
import type { Charge, PaymentIntent, Refund } from './stripe-objects.js';
import { invalidRequest, resourceMissing } from './stripe-error.js';

export interface RefundParams {
  payment_intent?: string | undefined;
  charge?: string | undefined;
  amount?: number | undefined;
  reason?: RefundReason | undefined;
  metadata?: MetadataParam | undefined;
}

export interface RefundsDeps {
  intents: Lookup<PaymentIntent>;
  charges: Lookup<Charge>;
  refunds: ObjectStore<Refund>;
  events: AccountEvents;
}

export class Refunds {
  constructor(private readonly deps: RefundsDeps) {}

  /** Refunds all that is left of a payment, or part of it; never more than was captured. */
  create(params: RefundParams, request: RequestInfo): Refund {
    const { refunds, events } = this.deps;
    const charge = this.chargeToRefund(params);
    const remaining = refundable(charge);
    if (remaining === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
        param: params.payment_intent ? 'payment_intent' : 'charge',
      });
    }
    const amount = params.amount ?? remaining;
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    }
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      balance_transaction: newId('txn'),
      charge: charge.id,
      created: unixNow(),
      currency: charge.currency,
      customer: null,
      customer_account: null,
      metadata: params.metadata ? withoutEmpty(params.metadata) : {},
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason: params.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: null,
    };
    refunds.set(refund.id, refund);
    recordRefund(charge, amount);
    events.emit('refund.created', refund, request);
    events.emit('charge.refunded', charge, request);
    return snapshot(refund);
  }

  retrieve(id: string): Refund {
    const refund = this.deps.refunds.get(id);
    if (!refund) throw resourceMissing('refund', id, 'id');
    return snapshot(refund);
  }

  private chargeToRefund(params: RefundParams): Charge {
    const { intents, charges } = this.deps;
    if (params.payment_intent === undefined && params.charge === undefined) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
        { code: 'parameter_missing' },
      );
    }
    if (params.charge !== undefined) {
      const charge = charges.get(params.charge);
      if (!charge) throw resourceMissing('charge', params.charge, 'charge', 'reference');
      if (params.payment_intent !== undefined && params.payment_intent !== charge.payment_intent) {
        throw invalidRequest(
          `Charge ${charge.id} does not belong to PaymentIntent ${params.payment_intent}.`,
          {
            param: 'payment_intent',
          },
        );
      }
      assertSucceeded(charge, 'charge');
      return charge;
    }
    const id = params.payment_intent!;
    const intent = intents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, 'payment_intent', 'reference');
    const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
    if (!charge || intent.status !== 'succeeded') {
      throw invalidRequest(`This PaymentIntent (${id}) does not have a successful charge to refund.`, {
        param: 'payment_intent',
      });
    }
    return charge;
  }
}

function assertSucceeded(charge: Charge, param: string): void {
  if (charge.status !== 'succeeded' || !charge.captured) {
    throw invalidRequest(
      `Charge ${charge.id} has not been captured or did not succeed, so it cannot be refunded.`,
      {
        param,
      },
    );
  }
}

function withoutEmpty(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== ''));
}
