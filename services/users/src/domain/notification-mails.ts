import { greeting, recipientOf, type Mail } from './mails.js';

export interface MailedOrderLine {
  name: string;
  quantity: number;
  /** Minor units. */
  unitPrice: number;
}

/** What a notification says, kept with the owed mail; the recipient is read when it is sent. */
export type NotificationDetails =
  | { kind: 'order_paid'; orderId: string; lines: MailedOrderLine[]; total: number; currency: string }
  | { kind: 'order_shipped'; orderId: string; carrier: string; trackingNumber: string }
  | { kind: 'order_delivered'; orderId: string; lines: MailedOrderLine[] }
  | { kind: 'back_in_stock'; productId: string; productName: string | null };

/**
 * Product names, carriers and tracking numbers come from the shop's staff (products, orders);
 * the person's name only goes to an address they confirmed (see mails.ts).
 */
export function notificationMail(
  to: { email: string; name: string; emailVerified: boolean },
  details: NotificationDetails,
): Mail {
  const hello = greeting(recipientOf(to));
  const order = (id: string) => `order ${id}`;
  switch (details.kind) {
    case 'order_paid':
      return {
        to: to.email,
        subject: `Thank you for your ${order(details.orderId)}`,
        text: `${hello}We received your payment for ${order(details.orderId)}:\n\n${lines(details.lines, details.currency)}\nTotal: ${money(details.total, details.currency)}\n\nWe will tell you when it ships.\n`,
      };
    case 'order_shipped':
      return {
        to: to.email,
        subject: `Your ${order(details.orderId)} has shipped`,
        text: `${hello}Your ${order(details.orderId)} is on its way with ${details.carrier}.\nTracking number: ${details.trackingNumber}\n`,
      };
    case 'order_delivered':
      return {
        to: to.email,
        subject: `Your ${order(details.orderId)} was delivered`,
        text: `${hello}Your ${order(details.orderId)} was delivered:\n\n${lines(details.lines)}\nWe hope you enjoy it. You can review what you bought on its product page.\n`,
      };
    case 'back_in_stock': {
      const what = details.productName ?? 'An item on your favorites';
      return {
        to: to.email,
        subject: `${what} is back in stock`,
        text: `${hello}${what} is back in stock. It is on your favorites list; stock may not last.\n`,
      };
    }
  }
}

function lines(items: MailedOrderLine[], currency?: string): string {
  return items
    .map(
      (l) =>
        `  ${l.quantity} × ${l.name}${currency ? `  ${money(l.unitPrice * l.quantity, currency)}` : ''}\n`,
    )
    .join('');
}

/** Minor units shown with the currency's own number of decimals (JPY none, EUR two, …). */
export function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
