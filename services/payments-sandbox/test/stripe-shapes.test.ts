import { test } from 'node:test';
import type Stripe from 'stripe';
import type {
  Charge,
  EventType,
  PaymentIntent,
  PaymentMethod,
  Refund,
  StripeEvent,
} from '../src/domain/objects.js';

/**
 * Compile-time check (tsc -b type-checks tests): the sandbox's objects carry every
 * field the official SDK's types require, with compatible types, so code written
 * against the SDK reads the sandbox's answers exactly as it reads Stripe's.
 */
type Assignable<Target, Source extends Target> = Source;
export type Shapes = [
  Assignable<Stripe.PaymentIntent, PaymentIntent>,
  Assignable<Stripe.Charge, Charge>,
  Assignable<Stripe.Refund, Refund>,
  Assignable<Stripe.PaymentMethod, PaymentMethod>,
  Assignable<Stripe.Event['type'], EventType>,
  Assignable<Omit<Stripe.PaymentIntentSucceededEvent, 'type' | 'data'>, Omit<StripeEvent, 'type' | 'data'>>,
];

test('the sandbox objects match the stripe SDK types (checked by tsc)', () => {});
