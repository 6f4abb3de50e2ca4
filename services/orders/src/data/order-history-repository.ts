import { decodeCursor, encodeCursor, type Pool } from '@shop/platform';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { TimelineEntry, Tracking } from '../domain/order.js';
import type { OrderStatus } from '../domain/order-status.js';
import type { OrderFilter, OrderSummary, Page } from '../domain/ports.js';

export async function readTimeline(pool: Pool, orderId: string, afterId: number): Promise<TimelineEntry[]> {
  const { rows } = await pool.query<{
    id: number;
    status: OrderStatus;
    at: Date;
    reason: string | null;
    data: { tracking?: Tracking } | null;
  }>(
    `SELECT id, status, at, reason, data FROM order_status_history
     WHERE order_id = $1 AND id > $2 ORDER BY id`,
    [orderId, afterId],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    at: row.at,
    reason: row.reason,
    tracking: row.data?.tracking ?? null,
  }));
}

/**
 * Newest first; the cursor is the (created_at, id) of the last order of the previous page, the time
 * as PostgreSQL writes it (microseconds: a JavaScript Date would round them away and skip rows).
 */
const PG_TIME = /^(?!0000)(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(:\d{2})?$/;
const CursorSchema = Type.Tuple([Type.String({ pattern: PG_TIME.source }), Type.String({ format: 'uuid' })]);
const Rfc3339 = Type.String({ format: 'date-time' });

/** A moment PostgreSQL takes back: a 13th month or a 30 February would fail the query (a 500), not the cursor. */
function realMoment([at]: Static<typeof CursorSchema>): boolean {
  const [, date, time, hours, minutes] = PG_TIME.exec(at)!;
  return Value.Check(Rfc3339, `${date}T${time}${hours}${minutes ?? ':00'}`);
}

export async function listOrders(
  pool: Pool,
  filter: OrderFilter,
  limit: number,
  cursor: string | undefined,
): Promise<Page<OrderSummary>> {
  const after = decodeCursor(cursor, CursorSchema, realMoment);
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.userId !== undefined) where.push(`o.user_id = ${param(filter.userId)}`);
  if (filter.status !== undefined) where.push(`o.status = ${param(filter.status)}`);
  if (filter.from !== undefined) where.push(`o.created_at >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`o.created_at < ${param(filter.to)}`);
  if (after) where.push(`(o.created_at, o.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
  const { rows } = await pool.query<{
    id: string;
    user_id: string;
    status: OrderStatus;
    currency: string;
    subtotal: number;
    shipping: number;
    total: number;
    item_count: number;
    created_at: Date;
    updated_at: Date;
    position: string;
  }>(
    `SELECT o.created_at::text AS position, o.id, o.user_id, o.status, o.currency, o.subtotal, o.shipping, o.total, o.created_at, o.updated_at,
       (SELECT coalesce(sum(l.quantity), 0)::int FROM order_lines l WHERE l.order_id = o.id) AS item_count
     FROM orders o ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY o.created_at DESC, o.id DESC LIMIT ${param(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      userId: row.user_id,
      status: row.status,
      currency: row.currency,
      subtotal: row.subtotal,
      shipping: row.shipping,
      total: row.total,
      itemCount: row.item_count,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.position, last.id]) : null,
  };
}
