import { InventoryBackInStock, InventoryLowStock, type PayloadOf } from '@shop/contracts';
import type { NewEvent } from '@shop/platform/domain';
import { ProductNotFound, StockAboveMaximum, StockBelowReserved } from './errors.js';

/** The most units one product may have on hand (the column is a 32-bit integer, up to 2^31 - 1). */
export const MAX_ON_HAND = 1_000_000_000;

export interface StockLevel {
  onHand: number;
  reserved: number;
}

export interface Stock extends StockLevel {
  productId: string;
  version: number;
  updatedAt: string;
}

export type StockReason = 'adjusted' | 'reserved' | 'committed' | 'released' | 'expired' | 'restocked';

export interface StockChange {
  productId: string;
  onHandDelta: number;
  reservedDelta: number;
}

/** Why stock moved and on whose behalf: what the audit row records. */
export interface Movement {
  reason: StockReason;
  /** `admin:<user id>`, `service:<client id>` or `sweeper`. */
  actor: string;
  orderId?: string | undefined;
  note?: string | undefined;
}

export interface AppliedChange {
  productId: string;
  before: StockLevel;
  after: Stock;
}

/** Stock writes shared by admin adjustments and reservations, inside one transaction. */
export interface StockWrites {
  /** Locks the stock rows in product id order (the one order every writer uses: no deadlocks). */
  lockStock(productIds: string[]): Promise<Map<string, Stock>>;
  /** Applies the changes to rows locked before, writing one audit row per product. */
  apply(changes: StockChange[], movement: Movement): Promise<AppliedChange[]>;
  publish(events: NewEvent[]): Promise<void>;
}

export interface StockStore {
  find(productId: string): Promise<Stock | undefined>;
  transaction<T>(work: (tx: StockWrites) => Promise<T>): Promise<T>;
}

export const availableOf = (level: StockLevel): number => level.onHand - level.reserved;

/**
 * Events that follow a stock change: low stock when available falls below the
 * threshold (once, on the way down), back in stock when it rises from zero.
 */
export function stockSignals(changes: AppliedChange[], lowStockThreshold: number): NewEvent[] {
  const events: NewEvent[] = [];
  for (const { productId, before, after } of changes) {
    const was = availableOf(before);
    const now = availableOf(after);
    if (was >= lowStockThreshold && now < lowStockThreshold) {
      const payload: PayloadOf<typeof InventoryLowStock> = {
        productId,
        available: now,
        threshold: lowStockThreshold,
      };
      events.push({ type: InventoryLowStock.type, aggregateId: productId, payload });
    }
    if (was === 0 && now > 0) {
      const payload: PayloadOf<typeof InventoryBackInStock> = { productId, available: now };
      events.push({ type: InventoryBackInStock.type, aggregateId: productId, payload });
    }
  }
  return events;
}

/**
 * An admin counts the shelf (`onHand`, the new count) or books goods in or out (`delta`): one of
 * the two, never both (the route schema refuses anything else).
 */
export type StockAdjustment = (
  { onHand: number; delta?: undefined } | { delta: number; onHand?: undefined }
) & {
  /** Kept in the audit trail. */
  note?: string | undefined;
};

export interface StockDeskDeps {
  stock: StockStore;
  lowStockThreshold: number;
}

/** Admins' view of stock: read it, count it, book it; every change audited. */
export class StockDesk {
  constructor(private readonly deps: StockDeskDeps) {}

  async find(productId: string): Promise<Stock> {
    const stock = await this.deps.stock.find(productId);
    if (!stock) throw new ProductNotFound(`No product ${productId}.`);
    return stock;
  }

  async adjust(productId: string, adjustment: StockAdjustment, actor: string): Promise<Stock> {
    return this.deps.stock.transaction(async (tx) => {
      const stock = (await tx.lockStock([productId])).get(productId);
      if (!stock) throw new ProductNotFound(`No product ${productId}.`);
      const delta = adjustment.delta ?? adjustment.onHand - stock.onHand;
      const onHand = stock.onHand + delta;
      if (onHand < stock.reserved) {
        throw new StockBelowReserved({
          detail: `${stock.reserved} units are reserved; on hand cannot go to ${onHand}.`,
          extensions: { onHand: stock.onHand, reserved: stock.reserved },
        });
      }
      if (onHand > MAX_ON_HAND) {
        throw new StockAboveMaximum({
          detail: `${stock.onHand} units are on hand; adding ${delta} would make ${onHand}, more than ${MAX_ON_HAND}.`,
          fields: [{ field: 'body.delta', message: `on hand may not exceed ${MAX_ON_HAND}` }],
          extensions: { onHand: stock.onHand, maximum: MAX_ON_HAND },
        });
      }
      if (delta === 0) return stock;
      const applied = await tx.apply([{ productId, onHandDelta: delta, reservedDelta: 0 }], {
        reason: 'adjusted',
        actor,
        note: adjustment.note,
      });
      await tx.publish(stockSignals(applied, this.deps.lowStockThreshold));
      return applied[0]!.after;
    });
  }
}
