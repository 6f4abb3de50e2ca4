import type { PaymentStatus } from '../../../src/domain/order.js';
import type { PaymentGateway, PaymentState } from '../../../src/domain/ports.js';
import { CallLog } from './calls.js';

/** Payment methods the fake gateway knows, as the sandbox names its test cards. */
export const CARD = {
  ok: 'pm_card_visa',
  declined: 'pm_card_chargeDeclined',
  /** The customer must answer 3-D Secure: the intent waits in requires_action. */
  threeDSecure: 'pm_card_threeDSecureRequired',
  /** Refused before any intent exists. */
  unusable: 'pm_unusable',
} as const;

interface Intent {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  failure: string | null;
}

type Method = 'charge' | 'retrieve' | 'cancel' | 'refund';

/**
 * The payment gateway with Stripe's rules as orders relies on them: a write with a key it has seen
 * answers what the first did (one PaymentIntent, one refund per key); a succeeded intent cannot be
 * canceled; a decline is an answer carrying the failed intent.
 */
export class FakePayments implements PaymentGateway {
  readonly log = new CallLog<Method>();
  readonly intents = new Map<string, Intent>();
  readonly refunds: { id: string; intentId: string; amount: number }[] = [];
  private readonly byKey = new Map<string, string>();
  /** Runs inside `charge`, once the intent exists: a test's way to act while a payment is under way. */
  duringCharge: (() => Promise<void>) | undefined;

  async charge(request: {
    orderId: string;
    amount: number;
    currency: string;
    paymentMethod: string;
    idempotencyKey: string;
  }): Promise<PaymentState> {
    this.log.record('charge', request);
    const seen = this.byKey.get(request.idempotencyKey);
    if (seen) {
      this.log.answered('charge');
      return stateOf(this.intents.get(seen)!);
    }
    if (request.paymentMethod === CARD.unusable) {
      return { intentId: null, status: 'failed', nextAction: null, failure: 'No such PaymentMethod' };
    }
    const intent: Intent = {
      id: `pi_${this.intents.size + 1}`,
      orderId: request.orderId,
      amount: request.amount,
      currency: request.currency,
      status: 'succeeded',
      failure: null,
    };
    if (request.paymentMethod === CARD.declined) {
      Object.assign(intent, { status: 'failed', failure: 'Your card was declined.' });
    } else if (request.paymentMethod === CARD.threeDSecure) {
      intent.status = 'requires_action';
    }
    this.intents.set(intent.id, intent);
    this.byKey.set(request.idempotencyKey, intent.id);
    await this.duringCharge?.();
    this.log.answered('charge');
    return stateOf(intent);
  }

  async retrieve(intentId: string): Promise<PaymentState> {
    this.log.record('retrieve', intentId);
    return stateOf(this.intents.get(intentId)!);
  }

  async cancel(intentId: string): Promise<PaymentState> {
    this.log.record('cancel', intentId);
    const intent = this.intents.get(intentId)!;
    if (intent.status !== 'succeeded') intent.status = 'canceled';
    this.log.answered('cancel');
    return stateOf(intent);
  }

  async refund(request: { intentId: string; amount: number; idempotencyKey: string }) {
    this.log.record('refund', request);
    const seen = this.byKey.get(request.idempotencyKey);
    if (!seen) {
      const id = `re_${this.refunds.length + 1}`;
      this.refunds.push({ id, intentId: request.intentId, amount: request.amount });
      this.byKey.set(request.idempotencyKey, id);
    }
    this.log.answered('refund');
    return { refundId: this.byKey.get(request.idempotencyKey)! };
  }

  /** The customer (or the bank) answers 3-D Secure. */
  complete(intentId: string, outcome: 'succeeded' | 'failed'): void {
    const intent = this.intents.get(intentId)!;
    intent.status = outcome;
    if (outcome === 'failed') intent.failure = 'The authentication failed.';
  }

  intentOf(orderId: string): Intent | undefined {
    return [...this.intents.values()].find((intent) => intent.orderId === orderId);
  }
}

function stateOf(intent: Intent): PaymentState {
  return {
    intentId: intent.id,
    status: intent.status,
    nextAction:
      intent.status === 'requires_action'
        ? {
            type: 'redirect_to_url',
            redirectUrl: `https://bank.test/3ds/${intent.id}`,
            clientSecret: `${intent.id}_secret`,
          }
        : null,
    failure: intent.failure,
  };
}
