import {
  PgError,
  pgErrorCode,
  withTransaction,
  type Outbox,
  type Pool,
  type PoolClient,
} from '@shop/platform';
import { DuplicateWebhookEvent, IdempotencyKeyInProgress, StaleOrder } from '../domain/errors.js';
import type { UnpaidHoldings } from '../domain/checkout-limits.js';
import { describeActor, type Order } from '../domain/order.js';
import type {
  KeyHolder,
  NewOrder,
  OrderChange,
  OrderFilter,
  OrderStore,
  WebhookEventRecord,
} from '../domain/ports.js';
import { listOrders, readTimeline } from './order-history-repository.js';
import { ORDER_COLUMNS, toOrder, type OrderRow } from './order-rows.js';

/** The channel live tracking listens on; the payload is the order id. */
export const ORDER_CHANNEL = 'order_status';

/**
 * When the recovery loop should look at an order next: never once done, at the payment deadline
 * (or the next poll) while the customer pays, and right away for any other step (which only
 * matters when the replica driving it dies: its lease keeps others off until then).
 */
const WAKE_AT = `CASE $2::text WHEN 'done' THEN NULL
  WHEN 'await_payment' THEN least(o.expires_at, now() + make_interval(secs => $3))
  ELSE now() END`;

export class OrderRepository implements OrderStore {
  constructor(
    private readonly pool: Pool,
    private readonly outbox: Outbox,
    private readonly pollSeconds: number,
    private readonly leaseSeconds: number,
  ) {}

  async create(
    order: NewOrder,
    leaseOwner: string,
    idempotency: KeyHolder,
    admit: (unpaid: UnpaidHoldings) => void,
  ) {
    await withTransaction(this.pool, async (tx) => {
      // One checkout of a customer at a time past this point: the caps are judged on what the
      // customer's unpaid orders hold, and that cannot change until this order is stored or not.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('orders.unpaid:' || $1, 0))`, [
        order.userId,
      ]);
      admit(await unpaidHoldings(tx, order.userId));
      await tx.query(
        `INSERT INTO orders (id, user_id, status, currency, subtotal, shipping, total, shipping_address,
           from_cart, payment_method, saga_step, wake_at, lease_owner, lease_until, expires_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, 'reserve', now(), $10,
           now() + make_interval(secs => $11), $12)`,
        [
          order.id,
          order.userId,
          order.currency,
          order.subtotal,
          order.shipping,
          order.total,
          JSON.stringify(order.shippingAddress),
          order.fromCart,
          order.paymentMethod,
          leaseOwner,
          this.leaseSeconds,
          order.expiresAt,
        ],
      );
      await tx.query(
        `INSERT INTO order_lines (order_id, line_no, product_id, name, unit_price, quantity, line_total)
         SELECT $1, n, p, nm, u, q, u * q
         FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::int[]) WITH ORDINALITY AS t(p, nm, u, q, n)`,
        [
          order.id,
          order.lines.map((l) => l.productId),
          order.lines.map((l) => l.name),
          order.lines.map((l) => l.unitPrice),
          order.lines.map((l) => l.quantity),
        ],
      );
      await tx.query(
        `INSERT INTO order_status_history (order_id, status, actor, reason) VALUES ($1, 'pending', $2, NULL)`,
        [order.id, `user:${order.userId}`],
      );
      await this.outbox.append(tx, [order.placedEvent]);
      const linked = await tx.query(
        `UPDATE idempotency_keys SET order_id = $3
         WHERE user_id = $1 AND key = $2 AND holder = $4 AND order_id IS NULL`,
        [idempotency.userId, idempotency.key, order.id, idempotency.holder],
      );
      if (linked.rowCount !== 1) {
        // Taken over while this request stalled past its lock: the order is not made (rolled back).
        throw new IdempotencyKeyInProgress({
          detail: 'Another request with this key took over; retry shortly with the same key.',
          retryAfterSeconds: 1,
        });
      }
      await tx.query(`SELECT pg_notify($1, $2)`, [ORDER_CHANNEL, order.id]);
    });
    return (await this.get(order.id))!;
  }

  async get(id: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`,
      [id],
    );
    return rows[0] && toOrder(rows[0]);
  }

  async findByPaymentIntent(intentId: string): Promise<Order | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.payment_intent_id = $1`,
      [intentId],
    );
    return rows[0] && toOrder(rows[0]);
  }

  async apply(order: Order, change: OrderChange, options: { webhookEvent?: WebhookEventRecord } = {}) {
    const next = { ...order, ...change, payment: { ...order.payment, ...change.payment } };
    const step = change.sagaStep ?? order.sagaStep;
    await withTransaction(this.pool, async (tx) => {
      if (options.webhookEvent && !(await insertWebhookEvent(tx, options.webhookEvent))) {
        throw new DuplicateWebhookEvent();
      }
      const updated = await tx.query(
        `UPDATE orders o SET status = $4, saga_step = $2, wake_at = ${WAKE_AT}, saga_attempts = 0,
           saga_error = NULL, payment_status = $5, payment_intent_id = $6, payment_next_action = $7,
           payment_failure = $8, refund_id = $9, stock = $10, tracking_carrier = $11,
           tracking_number = $12, version = o.version + 1, updated_at = now()
         WHERE o.id = $1 AND o.version = $13`,
        [
          order.id,
          step,
          this.pollSeconds,
          change.status?.to ?? order.status,
          next.payment.status,
          next.payment.intentId,
          next.payment.nextAction === null ? null : JSON.stringify(next.payment.nextAction),
          next.payment.failure,
          next.payment.refundId,
          next.stock,
          next.tracking?.carrier ?? null,
          next.tracking?.trackingNumber ?? null,
          order.version,
        ],
      );
      if (updated.rowCount === 0) throw new StaleOrder();
      if (change.status) {
        const { to, actor, reason, event } = change.status;
        await tx.query(
          `INSERT INTO order_status_history (order_id, status, actor, reason, data) VALUES ($1, $2, $3, $4, $5)`,
          [
            order.id,
            to,
            describeActor(actor),
            reason,
            to === 'shipped' && next.tracking ? JSON.stringify({ tracking: next.tracking }) : null,
          ],
        );
        await this.outbox.append(tx, [event]);
      }
      if (change.clearCart) {
        await tx.query(`DELETE FROM cart_items WHERE user_id = $1 AND product_id = ANY($2::uuid[])`, [
          order.userId,
          order.lines.map((line) => line.productId),
        ]);
      }
      // Live tracking wakes on a new status, and on the saga finishing (the stream may then close).
      if (change.status || (step === 'done' && order.sagaStep !== 'done')) {
        await tx.query(`SELECT pg_notify($1, $2)`, [ORDER_CHANNEL, order.id]);
      }
    });
    return (await this.get(order.id))!;
  }

  timeline(id: string, afterId = 0) {
    return readTimeline(this.pool, id, afterId);
  }

  list(filter: OrderFilter, limit: number, cursor: string | undefined) {
    return listOrders(this.pool, filter, limit, cursor);
  }

  async recordWebhookEvent(event: WebhookEventRecord): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      return await insertWebhookEvent(client, event);
    } finally {
      client.release();
    }
  }

  async webhookEventSeen(eventId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM payment_webhook_events WHERE event_id = $1`, [
      eventId,
    ]);
    return (rowCount ?? 0) > 0;
  }
}

async function unpaidHoldings(tx: PoolClient, userId: string): Promise<UnpaidHoldings> {
  const { rows } = await tx.query<{ id: string; units: number }>(
    `SELECT o.id, (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id)::int AS units
     FROM orders o WHERE o.user_id = $1 AND o.status IN ('pending', 'awaiting_payment')
     ORDER BY o.created_at, o.id`,
    [userId],
  );
  return { orderIds: rows.map((row) => row.id), units: rows.reduce((sum, row) => sum + row.units, 0) };
}

async function insertWebhookEvent(tx: PoolClient, event: WebhookEventRecord): Promise<boolean> {
  try {
    const { rowCount } = await tx.query(
      `INSERT INTO payment_webhook_events (event_id, type, order_id) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.type, event.orderId],
    );
    return (rowCount ?? 0) > 0;
  } catch (error) {
    if (pgErrorCode(error) === PgError.uniqueViolation) return false;
    throw error;
  }
}
