import type { Outbox, Pool, PoolClient } from '@shop/platform';
import type { AppliedChange, Stock, StockStore, StockWrites } from '../domain/stock.js';
import type { ProductCache, Touched } from './product-cache.js';

export const STOCK_COLUMNS = `i.product_id, i.on_hand, i.reserved, i.version, i.updated_at`;

export interface StockRow {
  product_id: string;
  on_hand: number;
  reserved: number;
  version: number;
  updated_at: Date;
}

export function toStock(row: StockRow): Stock {
  return {
    productId: row.product_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function stockRepository(pool: Pool, outbox: Outbox, cache: ProductCache): StockStore {
  return {
    async find(productId) {
      const { rows } = await pool.query<StockRow>(
        `SELECT ${STOCK_COLUMNS} FROM inventory i WHERE i.product_id = $1`,
        [productId],
      );
      return rows[0] && toStock(rows[0]);
    },
    transaction: cache.transaction(pool, (client, touched) => stockWrites(client, outbox, touched)),
  };
}

/** Stock writes on a transaction's connection; reservations build on these. */
export function stockWrites(client: PoolClient, outbox: Outbox, touched: Touched): StockWrites {
  return {
    async lockStock(productIds) {
      const { rows } = await client.query<StockRow>(
        `SELECT ${STOCK_COLUMNS} FROM inventory i WHERE i.product_id = ANY($1::uuid[])
         ORDER BY i.product_id FOR UPDATE`,
        [productIds],
      );
      return new Map(rows.map((row) => [row.product_id, toStock(row)]));
    },

    async apply(changes, movement) {
      if (changes.length === 0) return [];
      for (const change of changes) touched.add(change.productId);
      const { rows } = await client.query<StockRow & { on_hand_delta: number; reserved_delta: number }>(
        `WITH change AS (
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]) AS c(product_id, on_hand_delta, reserved_delta)
         ), moved AS (
           UPDATE inventory i
              SET on_hand = i.on_hand + c.on_hand_delta,
                  reserved = i.reserved + c.reserved_delta,
                  version = i.version + 1,
                  updated_at = now()
             FROM change c
            WHERE i.product_id = c.product_id
           RETURNING ${STOCK_COLUMNS}, c.on_hand_delta, c.reserved_delta
         ), audit AS (
           INSERT INTO stock_movements
             (product_id, reason, on_hand_delta, reserved_delta, on_hand, reserved, order_id, actor, note)
           SELECT product_id, $4, on_hand_delta, reserved_delta, on_hand, reserved, $5, $6, $7 FROM moved
         )
         SELECT * FROM moved ORDER BY product_id`,
        [
          changes.map((c) => c.productId),
          changes.map((c) => c.onHandDelta),
          changes.map((c) => c.reservedDelta),
          movement.reason,
          movement.orderId ?? null,
          movement.actor,
          movement.note ?? null,
        ],
      );
      return rows.map((row): AppliedChange => ({
        productId: row.product_id,
        before: { onHand: row.on_hand - row.on_hand_delta, reserved: row.reserved - row.reserved_delta },
        after: toStock(row),
      }));
    },

    async publish(events) {
      await outbox.append(client, events);
    },
  };
}
