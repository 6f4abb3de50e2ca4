import type { StoredPaymentMethod } from './account.js';
import type { LoggedEvent } from './event-log.js';
import type { Lookup } from './ports.js';
import { snapshot } from './snapshot.js';
import type { Charge, PaymentMethod, StripeEvent } from './stripe-objects.js';
import { resourceMissing } from './stripe-error.js';

export interface LookupsDeps {
  charges: Lookup<Charge>;
  paymentMethods: Lookup<StoredPaymentMethod>;
  events: Lookup<LoggedEvent>;
}

/** The objects the sandbox creates as side effects, read by id: charges, PaymentMethods, events. */
export class Lookups {
  constructor(private readonly deps: LookupsDeps) {}

  retrieveCharge(id: string): Charge {
    const charge = this.deps.charges.get(id);
    if (!charge) throw resourceMissing('charge', id, 'id');
    return snapshot(charge);
  }

  retrievePaymentMethod(id: string): PaymentMethod {
    const stored = this.deps.paymentMethods.get(id);
    if (!stored) throw resourceMissing('PaymentMethod', id, 'payment_method');
    return snapshot(stored.method);
  }

  retrieveEvent(id: string): StripeEvent {
    const entry = this.deps.events.get(id);
    if (!entry) throw resourceMissing('event', id, 'id');
    return snapshot(entry.event);
  }
}
