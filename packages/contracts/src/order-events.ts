import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Currency, MinorUnits } from './money.js';

const OrderLine = Type.Object({
  productId: Type.String(),
  name: Type.String(),
  unitPrice: MinorUnits,
  quantity: Type.Integer({ minimum: 1 }),
});

const OrderFacts = {
  orderId: Type.String(),
  userId: Type.String(),
  at: Type.String({ format: 'date-time' }),
};

export const OrderPlaced = defineEvent(
  'order.placed.v1',
  Type.Object({ ...OrderFacts, lines: Type.Array(OrderLine), total: MinorUnits, currency: Currency }),
);
export const OrderPaid = defineEvent(
  'order.paid.v1',
  Type.Object({ ...OrderFacts, lines: Type.Array(OrderLine), total: MinorUnits, currency: Currency }),
);
/** Stock is held and the payment is under way (it may wait for the customer, e.g. 3-D Secure). */
export const OrderAwaitingPayment = defineEvent(
  'order.awaiting_payment.v1',
  Type.Object({ ...OrderFacts, total: MinorUnits, currency: Currency }),
);
export const OrderRejected = defineEvent(
  'order.rejected.v1',
  Type.Object({ ...OrderFacts, reason: Type.String() }),
);
export const OrderPaymentFailed = defineEvent(
  'order.payment_failed.v1',
  Type.Object({ ...OrderFacts, reason: Type.String() }),
);
export const OrderCancelled = defineEvent(
  'order.cancelled.v1',
  Type.Object({ ...OrderFacts, reason: Type.String() }),
);
export const OrderShipped = defineEvent(
  'order.shipped.v1',
  Type.Object({ ...OrderFacts, carrier: Type.String(), trackingNumber: Type.String() }),
);
export const OrderDelivered = defineEvent(
  'order.delivered.v1',
  Type.Object({ ...OrderFacts, lines: Type.Array(OrderLine) }),
);
export const OrderRefunded = defineEvent(
  'order.refunded.v1',
  Type.Object({ ...OrderFacts, amount: MinorUnits, currency: Currency }),
);
