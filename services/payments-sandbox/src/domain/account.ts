import type { Charge, PaymentIntent, PaymentMethod, Refund } from './stripe-objects.js';
import type { CardBehaviour } from './test-cards.js';

export interface StoredPaymentMethod {
  method: PaymentMethod;
  behaviour: CardBehaviour;
}

/** The one test-mode Stripe account the sandbox simulates, held in memory (a test double has no database). */
export class Account {
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly paymentMethods = new Map<string, StoredPaymentMethod>();

  clear(): void {
    this.paymentIntents.clear();
    this.charges.clear();
    this.refunds.clear();
    this.paymentMethods.clear();
  }
}
