import type { Lookup } from './ports.js';
import { snapshot } from './snapshot.js';
import type { PaymentIntentStatus } from './stripe-fields.js';
import type { PaymentIntent } from './stripe-objects.js';
import { resourceMissing, unexpectedState } from './stripe-error.js';

/** The intent a request addresses by id in its URL (missing: Stripe's 404). */
export function findIntent(intents: Lookup<PaymentIntent>, id: string): PaymentIntent {
  const intent = intents.get(id);
  if (!intent) throw resourceMissing('payment_intent', id, 'intent');
  return intent;
}

export function assertStatus(
  intent: PaymentIntent,
  allowed: readonly PaymentIntentStatus[],
  message: (allowedList: string) => string,
): void {
  if (!allowed.includes(intent.status)) throw unexpectedState(message(allowed.join(', ')), snapshot(intent));
}
