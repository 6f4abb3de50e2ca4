import { DuplicateWebhookEvent, StaleOrder } from './errors.js';
import { paymentUpdated } from './order-lifecycle.js';
import type { OrderSaga } from './order-saga.js';
import type { OrderStore, PaymentGateway, WebhookEventRecord } from './ports.js';

/** A verified payment-gateway event, reduced to what orders needs from it. */
export interface PaymentEvent {
  id: string;
  type: string;
  intentId: string | null;
  orderId: string | null;
}

export type PaymentEventOutcome = 'applied' | 'ignored' | 'duplicate';

/** Events that say a PaymentIntent reached an outcome (its creation is not one). */
const OUTCOMES = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.processing',
  'payment_intent.requires_action',
];

export interface PaymentEventsDeps {
  store: OrderStore;
  payments: Pick<PaymentGateway, 'retrieve'>;
  /** Takes the order on from the payment's outcome (commit, void, refund). */
  saga: Pick<OrderSaga, 'drive'>;
}

/**
 * Webhooks from the payment gateway. Their order is not trusted (they can arrive late, twice or
 * out of order): an event only says "look at this PaymentIntent", and the intent's current state,
 * read from the gateway, is what is applied. The event id is stored with the effect, so a
 * redelivery changes nothing.
 */
export class PaymentEvents {
  constructor(private readonly deps: PaymentEventsDeps) {}

  async handle(event: PaymentEvent): Promise<PaymentEventOutcome> {
    if (await this.deps.store.webhookEventSeen(event.id)) return 'duplicate';
    const record: WebhookEventRecord = { id: event.id, type: event.type, orderId: null };
    if (!event.intentId || !OUTCOMES.includes(event.type)) return this.ignore(record);
    const intentId = event.intentId;
    const find = () =>
      event.orderId ? this.deps.store.get(event.orderId) : this.deps.store.findByPaymentIntent(intentId);
    let order = await find();
    if (!order || (order.payment.intentId !== null && order.payment.intentId !== intentId)) {
      return this.ignore(record);
    }
    // Money that arrived (and what we did with it) is final: no later event changes that.
    if (order.payment.status === 'succeeded' || order.payment.status === 'refunded') {
      return this.ignore({ ...record, orderId: order.id });
    }
    const state = await this.deps.payments.retrieve(intentId);
    for (let attempt = 1; order; attempt++) {
      const change = paymentUpdated(order, state);
      if (!change) return this.ignore({ ...record, orderId: order.id });
      try {
        await this.deps.store.apply(order, change, { webhookEvent: { ...record, orderId: order.id } });
        await this.deps.saga.drive(order.id);
        return 'applied';
      } catch (error) {
        if (error instanceof DuplicateWebhookEvent) return 'duplicate';
        if (!(error instanceof StaleOrder) || attempt >= 5) throw error;
        order = await find();
      }
    }
    return this.ignore(record);
  }

  private async ignore(record: WebhookEventRecord): Promise<PaymentEventOutcome> {
    return (await this.deps.store.recordWebhookEvent(record)) ? 'ignored' : 'duplicate';
  }
}
