import type { Outbox, Pool, PoolClient } from '@shop/platform';
import type { ReservationStore, ReservationWrites } from '../domain/reservation-desk.js';
import type {
  Rejection,
  Reservation,
  ReservationLine,
  ReservationStatus,
  SellableStock,
} from '../domain/reservation.js';
import type { ProductCache, Touched } from './product-cache.js';
import { STOCK_COLUMNS, stockWrites, toStock, type StockRow } from './stock-repository.js';

interface ReservationRow {
  order_id: string;
  status: ReservationStatus;
  expires_at: Date | null;
  rejection: Rejection | null;
  overdue: boolean;
  lines: ReservationLine[];
}

const SELECT = `
  SELECT r.order_id, r.status, r.expires_at, r.rejection,
         (r.status = 'held' AND r.expires_at <= now()) AS overdue,
         coalesce((SELECT json_agg(json_build_object('productId', l.product_id, 'quantity', l.quantity)
                                   ORDER BY l.product_id)
                   FROM reservation_lines l WHERE l.order_id = r.order_id), '[]') AS lines
  FROM reservations r`;

function toReservation(row: ReservationRow): Reservation {
  return {
    orderId: row.order_id,
    status: row.status,
    expiresAt: row.expires_at?.toISOString() ?? null,
    rejection: row.rejection,
    overdue: row.overdue,
    lines: row.lines,
  };
}

export function reservationRepository(pool: Pool, outbox: Outbox, cache: ProductCache): ReservationStore {
  return {
    transaction: cache.transaction(pool, (client, touched) => reservationWrites(client, outbox, touched)),
  };
}

function reservationWrites(client: PoolClient, outbox: Outbox, touched: Touched): ReservationWrites {
  const lock = async (orderId: string) => {
    const { rows } = await client.query<ReservationRow>(`${SELECT} WHERE r.order_id = $1 FOR UPDATE OF r`, [
      orderId,
    ]);
    return rows[0] && toReservation(rows[0]);
  };

  return {
    ...stockWrites(client, outbox, touched),

    async claim(command) {
      // A concurrent claim of the same order id waits here for the first to commit, then
      // finds its row: two retries racing each other still reserve once.
      const inserted = await client.query(
        `INSERT INTO reservations (order_id, status, expires_at)
         VALUES ($1, 'held', now() + make_interval(secs => $2))
         ON CONFLICT (order_id) DO NOTHING`,
        [command.orderId, command.ttlSeconds],
      );
      if (inserted.rowCount === 1) {
        await client.query(
          `INSERT INTO reservation_lines (order_id, product_id, quantity)
           SELECT $1, * FROM unnest($2::uuid[], $3::int[])`,
          [command.orderId, command.lines.map((l) => l.productId), command.lines.map((l) => l.quantity)],
        );
      }
      return { reservation: (await lock(command.orderId))!, created: inserted.rowCount === 1 };
    },

    lock,

    async lockOrTombstone(orderId) {
      const inserted = await client.query(
        `INSERT INTO reservations (order_id, status) VALUES ($1, 'released') ON CONFLICT (order_id) DO NOTHING`,
        [orderId],
      );
      return inserted.rowCount === 1 ? 'tombstoned' : (await lock(orderId))!;
    },

    async lockOverdue(limit) {
      const { rows } = await client.query<ReservationRow>(
        `${SELECT} WHERE r.status = 'held' AND r.expires_at <= now()
         ORDER BY r.expires_at LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
        [limit],
      );
      return rows.map(toReservation);
    },

    async sellable(productIds) {
      const { rows } = await client.query<StockRow & { active: boolean }>(
        `SELECT ${STOCK_COLUMNS}, p.status = 'active' AS active
         FROM inventory i JOIN products p ON p.id = i.product_id
         WHERE i.product_id = ANY($1::uuid[])
         ORDER BY i.product_id FOR UPDATE OF i`,
        [productIds],
      );
      return new Map(
        rows.map((row): [string, SellableStock] => [row.product_id, { ...toStock(row), active: row.active }]),
      );
    },

    async setStatus(orderId, status) {
      await client.query(`UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = $1`, [
        orderId,
        status,
      ]);
    },

    async reject(orderId, rejection) {
      await client.query(
        `UPDATE reservations SET status = 'rejected', rejection = $2::jsonb, updated_at = now() WHERE order_id = $1`,
        [orderId, JSON.stringify(rejection)],
      );
    },
  };
}
