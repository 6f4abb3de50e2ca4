import { Type, type Static } from 'typebox';
import type { StoredPaymentMethod } from './account.js';
import type { Lookup } from './ports.js';
import { snapshot } from './snapshot.js';
import { strict } from './stripe-fields.js';
import {
  ChargeSchema,
  PaymentIntentSchema,
  PaymentMethodSchema,
  paymentIntentFields,
  refundFields,
  type Charge,
  type PaymentIntent,
  type PaymentMethod,
  type Refund,
} from './stripe-objects.js';
import { invalidRequest } from './stripe-error.js';

/** The `expand[]` paths the sandbox resolves: an id field replaced by the object it names. */
const EXPANDABLE = {
  payment_intent: ['latest_charge', 'payment_method'],
  charge: ['payment_intent', 'payment_method'],
  refund: ['charge', 'payment_intent'],
} as const;

export type Expandable = keyof typeof EXPANDABLE;

// What the routes answer: the objects with the id fields a request asked to expand replaced.

/** A PaymentIntent whose `latest_charge` / `payment_method` may have been expanded. */
export const ExpandedPaymentIntentSchema = Type.Object(
  {
    ...paymentIntentFields,
    latest_charge: Type.Union([Type.String(), ChargeSchema, Type.Null()]),
    payment_method: Type.Union([Type.String(), PaymentMethodSchema, Type.Null()]),
  },
  strict,
);
export type ExpandedPaymentIntent = Static<typeof ExpandedPaymentIntentSchema>;

export const ExpandedChargeSchema = Type.Object(
  {
    ...ChargeSchema.properties,
    payment_intent: Type.Union([Type.String(), PaymentIntentSchema]),
    payment_method: Type.Union([Type.String(), PaymentMethodSchema]),
  },
  strict,
);
export type ExpandedCharge = Static<typeof ExpandedChargeSchema>;

export const ExpandedRefundSchema = Type.Object(
  {
    ...refundFields,
    charge: Type.Union([Type.String(), ChargeSchema]),
    payment_intent: Type.Union([Type.String(), PaymentIntentSchema]),
  },
  strict,
);
export type ExpandedRefund = Static<typeof ExpandedRefundSchema>;

/** Checked before the operation runs, so a bad `expand` changes nothing (as on Stripe). */
export function assertExpandable(kind: Expandable, paths: readonly string[] | undefined): void {
  for (const path of paths ?? []) {
    if (!(EXPANDABLE[kind] as readonly string[]).includes(path)) {
      throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
    }
  }
}

export interface ExpansionDeps {
  intents: Lookup<PaymentIntent>;
  charges: Lookup<Charge>;
  paymentMethods: Lookup<StoredPaymentMethod>;
}

/** Replaces the id fields a request asked to expand with copies of the objects they name. */
export class Expansion {
  constructor(private readonly deps: ExpansionDeps) {}

  paymentIntent(intent: PaymentIntent, paths: readonly string[] = []): ExpandedPaymentIntent {
    return {
      ...intent,
      latest_charge: paths.includes('latest_charge')
        ? this.chargeOf(intent.latest_charge)
        : intent.latest_charge,
      payment_method: paths.includes('payment_method')
        ? this.methodOf(intent.payment_method)
        : intent.payment_method,
    };
  }

  charge(charge: Charge, paths: readonly string[] = []): ExpandedCharge {
    return {
      ...charge,
      payment_intent: paths.includes('payment_intent')
        ? (this.intentOf(charge.payment_intent) ?? charge.payment_intent)
        : charge.payment_intent,
      payment_method: paths.includes('payment_method')
        ? (this.methodOf(charge.payment_method) ?? charge.payment_method)
        : charge.payment_method,
    };
  }

  refund(refund: Refund, paths: readonly string[] = []): ExpandedRefund {
    return {
      ...refund,
      charge: paths.includes('charge') ? (this.chargeOf(refund.charge) ?? refund.charge) : refund.charge,
      payment_intent: paths.includes('payment_intent')
        ? (this.intentOf(refund.payment_intent) ?? refund.payment_intent)
        : refund.payment_intent,
    };
  }

  private chargeOf(id: string | null): Charge | null {
    const charge = id ? this.deps.charges.get(id) : undefined;
    return charge ? snapshot(charge) : null;
  }

  private methodOf(id: string | null): PaymentMethod | null {
    const method = id ? this.deps.paymentMethods.get(id) : undefined;
    return method ? snapshot(method.method) : null;
  }

  private intentOf(id: string): PaymentIntent | undefined {
    const intent = this.deps.intents.get(id);
    return intent ? snapshot(intent) : undefined;
  }
}
