import { defineError } from '@shop/platform';
import type { Account } from './account.js';
import type { EventLog } from './event-log.js';
import type { PaymentIntent, PaymentIntentStatus } from './objects.js';
import { resourceMissing, unexpectedState } from './stripe-error.js';

/** What the payment operations work on, and the two sandbox knobs they obey. */
export interface PaymentsContext {
  account: Account;
  events: EventLog;
  /** How long a card payment stays `processing` before it settles (0 = at once). */
  processingMs(): number;
  /** Runs `task` later (settling a `processing` payment); the app cancels pending tasks on reset and stop. */
  schedule(ms: number, task: () => void): void;
}

// Errors of the sandbox's control API (problem+json), not of the Stripe API.
export class PaymentIntentNotFound extends defineError(
  'payment_intent_not_found',
  'not_found',
  'No such PaymentIntent',
) {}
export class NoActionPending extends defineError(
  'no_action_pending',
  'conflict',
  'The PaymentIntent is not waiting for the customer',
) {}

export function findIntent(ctx: PaymentsContext, id: string): PaymentIntent {
  const intent = ctx.account.paymentIntents.get(id);
  if (!intent) throw resourceMissing('payment_intent', id, 'intent');
  return intent;
}

/** Responses and events carry copies, so later changes never leak into what was already sent. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}

export function assertStatus(
  intent: PaymentIntent,
  allowed: readonly PaymentIntentStatus[],
  message: (allowedList: string) => string,
): void {
  if (!allowed.includes(intent.status)) throw unexpectedState(message(allowed.join(', ')), snapshot(intent));
}
