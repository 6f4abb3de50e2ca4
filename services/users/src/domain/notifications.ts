import { isUuid } from '@shop/platform/domain';
import type { Mailer } from './mails.js';
import { notificationMail, type NotificationDetails } from './notification-mails.js';
import type { DomainLog } from './ports.js';
import type { CatalogProjection, ProductCatalog } from './products.js';
import { isLiveCustomer, type UserStore } from './user.js';

/**
 * Mails owed for what happened elsewhere. A consumer records the fact (one row per fact, in
 * its transaction); the notification worker sends what is due, reading the address then, and
 * retries with backoff. A crash between sending and marking sent can repeat that one mail
 * (SMTP has no idempotency key); nothing else can.
 */

export interface OwedNotification {
  /** What the mail is about, e.g. `order_paid:<order id>`: the same fact is owed once. */
  fact: string;
  userId: string;
  details: NotificationDetails;
}

export interface DueNotification extends OwedNotification {
  attempts: number;
}

export interface NotificationStore {
  /** False when this fact was owed already. */
  owe(notification: OwedNotification): Promise<boolean>;
  /**
   * Owes a back-in-stock mail to every active user with the product among their favorites who
   * was not told about it in the `cooldownHours` before `at`. Answers how many.
   */
  oweBackInStock(
    productId: string,
    at: Date,
    cooldownHours: number,
    details: Extract<NotificationDetails, { kind: 'back_in_stock' }>,
  ): Promise<number>;
  /** Takes up to `limit` due rows for `leaseSeconds` (another worker skips them meanwhile). */
  claimDue(limit: number, leaseSeconds: number): Promise<DueNotification[]>;
  markSent(fact: string): Promise<void>;
  /** `retryInSeconds` null: given up. */
  markFailed(fact: string, error: string, retryInSeconds: number | null): Promise<void>;
  discard(fact: string): Promise<void>;
  forgetUser(userId: string): Promise<void>;
}

/** One restock alert per user and product within this many hours, whatever the events. */
export const BACK_IN_STOCK_COOLDOWN_HOURS = 24;
const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;

export interface NotificationsDeps {
  notifications: NotificationStore;
  users: UserStore;
  mailer: Mailer;
  /** Names a restock alert's product when this service could not; absent without PRODUCTS_URL. */
  catalog: ProductCatalog | undefined;
  log: DomainLog;
}

/** The stores an event's transaction holds to owe mails. */
export interface OwingStores {
  users: UserStore;
  notifications: NotificationStore;
  catalogProjection: CatalogProjection;
}

type OrderMail = Extract<NotificationDetails, { kind: 'order_paid' | 'order_shipped' | 'order_delivered' }>;

export class Notifications {
  constructor(private readonly deps: NotificationsDeps) {}

  /** An order event the customer hears about; a deleted account hears nothing. */
  async oweOrderMail(
    tx: Pick<OwingStores, 'users' | 'notifications'>,
    order: { orderId: string; userId: string },
    details: OrderMail,
  ): Promise<void> {
    if (!(await isLiveCustomer(tx.users, order.userId))) return;
    await tx.notifications.owe({ fact: `${details.kind}:${order.orderId}`, userId: order.userId, details });
  }

  async oweBackInStockMails(
    tx: Pick<OwingStores, 'notifications' | 'catalogProjection'>,
    productId: string,
    at: Date,
  ): Promise<void> {
    if (!isUuid(productId)) return;
    const productName = (await tx.catalogProjection.nameOf(productId)) ?? null;
    await tx.notifications.oweBackInStock(productId, at, BACK_IN_STOCK_COOLDOWN_HOURS, {
      kind: 'back_in_stock',
      productId,
      productName,
    });
  }

  /** Sends up to `batch` due mails; answers how many rows it took (a full batch: call again). */
  async sendDue(batch = 20): Promise<number> {
    const due = await this.deps.notifications.claimDue(batch, LEASE_SECONDS);
    for (const notification of due) await this.sendOne(notification);
    return due.length;
  }

  private async sendOne(notification: DueNotification): Promise<void> {
    const { notifications: store, users, mailer, log } = this.deps;
    const user = await users.findById(notification.userId);
    if (!user || user.status === 'deleted') return store.discard(notification.fact);
    try {
      const details = await this.named(notification.details);
      await mailer.send(notificationMail(user, details));
      await store.markSent(notification.fact);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const givingUp = notification.attempts >= MAX_ATTEMPTS;
      const retryIn = givingUp ? null : Math.min(30 * 2 ** notification.attempts, 3600);
      await store.markFailed(notification.fact, message, retryIn);
      log.warn(
        { err: error, fact: notification.fact, attempts: notification.attempts, givingUp },
        givingUp ? 'a notification mail could not be sent; giving up' : 'a notification mail will be retried',
      );
    }
  }

  /** A restock alert for a product this service could not name when it was owed: ask products now. */
  private async named(details: NotificationDetails): Promise<NotificationDetails> {
    const { catalog } = this.deps;
    if (details.kind !== 'back_in_stock' || details.productName || !catalog) return details;
    const product = await catalog
      .find([details.productId])
      .then((found) => found.get(details.productId))
      .catch(() => undefined);
    return { ...details, productName: product?.name ?? null };
  }
}
