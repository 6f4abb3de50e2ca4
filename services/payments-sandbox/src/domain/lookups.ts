import type { Account } from './account.js';
import type { EventLog } from './event-log.js';
import type { Charge, PaymentMethod, StripeEvent } from './objects.js';
import { snapshot } from './payments-context.js';
import { resourceMissing } from './stripe-error.js';

export function retrieveCharge(account: Account, id: string): Charge {
  const charge = account.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, 'id');
  return snapshot(charge);
}

export function retrievePaymentMethod(account: Account, id: string): PaymentMethod {
  const stored = account.paymentMethods.get(id);
  if (!stored) throw resourceMissing('PaymentMethod', id, 'payment_method');
  return snapshot(stored.method);
}

export function retrieveEvent(events: EventLog, id: string): StripeEvent {
  const entry = events.get(id);
  if (!entry) throw resourceMissing('event', id, 'id');
  return snapshot(entry.event);
}
