import type { Account } from './account.js';
import type { Charge, PaymentIntent, PaymentMethod, Refund } from './objects.js';
import { snapshot } from './payments-context.js';
import { invalidRequest } from './stripe-error.js';

/** The `expand[]` paths the sandbox resolves: an id field replaced by the object it names. */
const EXPANDABLE = {
  payment_intent: ['latest_charge', 'payment_method'],
  charge: ['payment_intent', 'payment_method'],
  refund: ['charge', 'payment_intent'],
} as const;

export type Expandable = keyof typeof EXPANDABLE;

export type ExpandedPaymentIntent = Omit<PaymentIntent, 'latest_charge' | 'payment_method'> & {
  latest_charge: string | Charge | null;
  payment_method: string | PaymentMethod | null;
};
export type ExpandedCharge = Omit<Charge, 'payment_intent' | 'payment_method'> & {
  payment_intent: string | PaymentIntent;
  payment_method: string | PaymentMethod;
};
export type ExpandedRefund = Omit<Refund, 'charge' | 'payment_intent'> & {
  charge: string | Charge;
  payment_intent: string | PaymentIntent;
};

/** Checked before the operation runs, so a bad `expand` changes nothing (as on Stripe). */
export function assertExpandable(kind: Expandable, paths: readonly string[] | undefined): void {
  for (const path of paths ?? []) {
    if (!(EXPANDABLE[kind] as readonly string[]).includes(path)) {
      throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
    }
  }
}

export function expandPaymentIntent(
  account: Account,
  intent: PaymentIntent,
  paths: readonly string[] = [],
): ExpandedPaymentIntent {
  return {
    ...intent,
    latest_charge: paths.includes('latest_charge')
      ? chargeOf(account, intent.latest_charge)
      : intent.latest_charge,
    payment_method: paths.includes('payment_method')
      ? methodOf(account, intent.payment_method)
      : intent.payment_method,
  };
}

export function expandCharge(
  account: Account,
  charge: Charge,
  paths: readonly string[] = [],
): ExpandedCharge {
  return {
    ...charge,
    payment_intent: paths.includes('payment_intent')
      ? (intentOf(account, charge.payment_intent) ?? charge.payment_intent)
      : charge.payment_intent,
    payment_method: paths.includes('payment_method')
      ? (methodOf(account, charge.payment_method) ?? charge.payment_method)
      : charge.payment_method,
  };
}

export function expandRefund(
  account: Account,
  refund: Refund,
  paths: readonly string[] = [],
): ExpandedRefund {
  return {
    ...refund,
    charge: paths.includes('charge') ? (chargeOf(account, refund.charge) ?? refund.charge) : refund.charge,
    payment_intent: paths.includes('payment_intent')
      ? (intentOf(account, refund.payment_intent) ?? refund.payment_intent)
      : refund.payment_intent,
  };
}

function chargeOf(account: Account, id: string | null): Charge | null {
  const charge = id ? account.charges.get(id) : undefined;
  return charge ? snapshot(charge) : null;
}

function methodOf(account: Account, id: string | null): PaymentMethod | null {
  const method = id ? account.paymentMethods.get(id) : undefined;
  return method ? snapshot(method.method) : null;
}

function intentOf(account: Account, id: string): PaymentIntent | undefined {
  const intent = account.paymentIntents.get(id);
  return intent ? snapshot(intent) : undefined;
}
