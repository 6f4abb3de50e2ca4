import type { CardDetails } from './stripe-fields.js';

/** What happens when a card is charged: Stripe's documented test-card behaviours. */
export type CardBehaviour =
  | { kind: 'approve' }
  | { kind: 'decline'; declineCode: string; code: string; message: string; sellerMessage: string }
  | { kind: 'authenticate' };

export interface TestCard {
  card: CardDetails;
  behaviour: CardBehaviour;
}

const genericDecline: CardBehaviour = {
  kind: 'decline',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
  sellerMessage: 'The bank did not return any further details with this decline.',
};

function card(brand: string, last4: string, fingerprint: string): CardDetails {
  return { brand, country: 'US', exp_month: 12, exp_year: 2034, fingerprint, funding: 'credit', last4 };
}

/** Stripe's test PaymentMethod tokens; each use mints a new `pm_…` that behaves the same. */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { card: card('visa', '4242', 'Xt5EWLLDS7FJjR1c'), behaviour: { kind: 'approve' } },
  pm_card_mastercard: {
    card: card('mastercard', '4444', 'Y3qbRsFRGhT5hvdS'),
    behaviour: { kind: 'approve' },
  },
  pm_card_chargeDeclined: { card: card('visa', '0002', 'k7dqCmz6Vw4Ji1Hk'), behaviour: genericDecline },
  pm_card_chargeDeclinedInsufficientFunds: {
    card: card('visa', '9995', 'b1sQgNMkH5vm9Jrc'),
    behaviour: {
      kind: 'decline',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      sellerMessage: 'The bank returned the decline code `insufficient_funds`.',
    },
  },
  pm_card_threeDSecure2Required: {
    card: card('visa', '3220', 'pQ9tNq1Zf2hFvAeS'),
    behaviour: { kind: 'authenticate' },
  },
  pm_card_authenticationRequired: {
    card: card('visa', '3184', 'F0vhW2LsSMq5zWUd'),
    behaviour: { kind: 'authenticate' },
  },
};
