import type { StoredPaymentMethod } from './account.js';
import { newId, unixNow } from './ids.js';
import type { ObjectStore } from './ports.js';
import type { CardDetails } from './stripe-fields.js';
import type { PaymentMethod } from './stripe-objects.js';
import { resourceMissing } from './stripe-error.js';
import { TEST_CARDS } from './test-cards.js';

export interface PaymentMethodsDeps {
  paymentMethods: ObjectStore<StoredPaymentMethod>;
}

/** The account's PaymentMethods: the ones test tokens mint, and how each card behaves. */
export class PaymentMethods {
  constructor(private readonly deps: PaymentMethodsDeps) {}

  /**
   * Resolves what a request names as `payment_method`: a test token such as
   * `pm_card_visa` mints a new PaymentMethod (as Stripe does, so the PaymentIntent
   * carries a `pm_…` id, never the token), an id minted earlier is looked up.
   */
  resolve(idOrToken: string): StoredPaymentMethod {
    const { paymentMethods } = this.deps;
    const known = paymentMethods.get(idOrToken);
    if (known) return known;
    const testCard = TEST_CARDS[idOrToken];
    if (!testCard) throw resourceMissing('PaymentMethod', idOrToken, 'payment_method', 'reference');
    const stored = { method: paymentMethodFor(testCard.card), behaviour: testCard.behaviour };
    paymentMethods.set(stored.method.id, stored);
    return stored;
  }

  /** A PaymentMethod minted earlier, by its `pm_…` id. */
  known(id: string): StoredPaymentMethod | undefined {
    return this.deps.paymentMethods.get(id);
  }
}

function paymentMethodFor(card: CardDetails): PaymentMethod {
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      ...card,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      display_brand: card.brand,
      generated_from: null,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: unixNow(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}
