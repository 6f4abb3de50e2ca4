import { DuplicateWebhookEvent, StaleOrder } from './errors.js';
import { paymentUpdated } from './order-lifecycle.js';
import type { OrderSaga } from './order-saga.js';
import type { Order } from './order.js';
import type { OrderStore, PaymentGateway, WebhookEventRecord } from './ports.js';

/** A verified payment-gateway event, reduced to what orders needs from it. */
export interface PaymentEvent {
  id: string;
  type: string;
  intentId: string | null;
  orderId: string | null;
}

export type PaymentEventOutcome = 'applied' | 'ignored' | 'duplicate';

/**
 * Webhooks from the payment gateway. Their order is not trusted (they can arrive late, twice or
 * out of order): an event only says "look at this PaymentIntent", and the intent's current state,
 * read from the gateway, is what is applied. The event id is stored with the effect, so a
 * redelivery changes nothing.
 */
export class PaymentEvents {
  constructor(
    private readonly store: OrderStore,
    private readonly payments: PaymentGateway,
    private readonly saga: OrderSaga,
  ) {}

  async handle(event: PaymentEvent): Promise<PaymentEventOutcome> {
    if (await this.store.webhookEventSeen(event.id)) return 'duplicate';
    const record: WebhookEventRecord = { id: event.id, type: event.type, orderId: null };
    if (!event.intentId || !event.type.startsWith('payment_intent.')) return this.ignore(record);
    const state = await this.payments.retrieve(event.intentId);
    for (let attempt = 1; ; attempt++) {
      const order: Order | undefined = event.orderId
        ? await this.store.get(event.orderId)
        : await this.store.findByPaymentIntent(event.intentId);
      if (!order || (order.payment.intentId !== null && order.payment.intentId !== event.intentId)) {
        return this.ignore(record);
      }
      const change = paymentUpdated(order, state);
      try {
        if (!change) return this.ignore({ ...record, orderId: order.id });
        await this.store.apply(order, change, { webhookEvent: { ...record, orderId: order.id } });
      } catch (error) {
        if (error instanceof DuplicateWebhookEvent) return 'duplicate';
        if (error instanceof StaleOrder && attempt < 5) continue;
        throw error;
      }
      await this.saga.drive(order.id);
      return 'applied';
    }
  }

  private async ignore(record: WebhookEventRecord): Promise<PaymentEventOutcome> {
    return (await this.store.recordWebhookEvent(record)) ? 'ignored' : 'duplicate';
  }
}
