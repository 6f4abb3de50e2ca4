import {
  InventoryBackInStock,
  OrderDelivered,
  OrderPaid,
  OrderShipped,
  allEvents,
  on,
  routeEvents,
  type PayloadOf,
} from '@shop/contracts';
import type { Notifications } from '../domain/notifications.js';
import type { Consumer, Handling } from './consume.js';

const lines = (p: Pick<PayloadOf<typeof OrderPaid>, 'lines'>) =>
  p.lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPrice: l.unitPrice }));

/** Events a customer hears about by mail; the mails themselves go out from the notification worker. */
export const notificationEvents = (notifications: Notifications): Consumer => ({
  name: 'users.notifications',
  router: routeEvents<Handling>(
    [
      on(OrderPaid, ({ stores }, p) =>
        notifications.oweOrderMail(stores, p, {
          kind: 'order_paid',
          orderId: p.orderId,
          lines: lines(p),
          total: p.total,
          currency: p.currency,
        }),
      ),
      on(OrderShipped, ({ stores }, p) =>
        notifications.oweOrderMail(stores, p, {
          kind: 'order_shipped',
          orderId: p.orderId,
          carrier: p.carrier,
          trackingNumber: p.trackingNumber,
        }),
      ),
      on(OrderDelivered, ({ stores }, p) =>
        notifications.oweOrderMail(stores, p, {
          kind: 'order_delivered',
          orderId: p.orderId,
          lines: lines(p),
        }),
      ),
      on(InventoryBackInStock, ({ stores, event }, p) =>
        notifications.oweBackInStockMails(stores, p.productId, new Date(event.occurredAt)),
      ),
    ],
    allEvents,
  ),
});
