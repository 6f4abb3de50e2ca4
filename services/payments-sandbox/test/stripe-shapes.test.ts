import { test } from 'node:test';
import type Stripe from 'stripe';
import type { ExpandedCharge, ExpandedPaymentIntent, ExpandedRefund } from '../src/domain/expansion.js';
import type { EventType } from '../src/domain/stripe-fields.js';
import type {
  Charge,
  PaymentIntent,
  PaymentMethod,
  Refund,
  StripeEvent,
} from '../src/domain/stripe-objects.js';

/**
 * Compile-time check (tsc -b type-checks tests): the sandbox's objects carry every
 * field the official SDK's types require, with compatible types, so code written
 * against the SDK reads the sandbox's answers exactly as it reads Stripe's. The types
 * are the `Static` of the schemas the API serialises with, so this checks the answers'
 * schemas, not a second description of them.
 */
type Assignable<Target, Source extends Target> = Source;
export type Shapes = [
  Assignable<Stripe.PaymentIntent, PaymentIntent>,
  Assignable<Stripe.Charge, Charge>,
  Assignable<Stripe.Refund, Refund>,
  Assignable<Stripe.PaymentMethod, PaymentMethod>,
  Assignable<Stripe.Event['type'], EventType>,
  Assignable<Omit<Stripe.PaymentIntentSucceededEvent, 'type' | 'data'>, Omit<StripeEvent, 'type' | 'data'>>,
  // What the routes answer, `expand[]` applied or not. The sandbox also expands a charge's
  // `payment_method`, which the SDK types as an id only: that one field is left out.
  Assignable<Stripe.PaymentIntent, ExpandedPaymentIntent>,
  Assignable<Omit<Stripe.Charge, 'payment_method'>, Omit<ExpandedCharge, 'payment_method'>>,
  Assignable<Stripe.Refund, ExpandedRefund>,
];

test('the sandbox objects match the stripe SDK types (checked by tsc)', () => {});
