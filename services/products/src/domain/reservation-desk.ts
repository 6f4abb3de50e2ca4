import { ReservationNotFound } from './errors.js';
import {
  assertReservable,
  judge,
  nextStatus,
  notHeld,
  refusal,
  rejectionError,
  replay,
  stockChanges,
  viewOf,
  type Action,
  type Outcome,
  type Rejection,
  type Reservation,
  type ReservationStatus,
  type ReservationView,
  type ReserveCommand,
  type SellableStock,
} from './reservation.js';
import { stockSignals, type StockWrites } from './stock.js';

export interface ReservationWrites extends StockWrites {
  /** Inserts a held reservation with its lines, unless this order id already has one (returned as is). */
  claim(command: ReserveCommand): Promise<{ reservation: Reservation; created: boolean }>;
  lock(orderId: string): Promise<Reservation | undefined>;
  /**
   * Locks the reservation, or when the order id has none, records it as released (a
   * tombstone), so a reserve arriving after its own release is refused.
   */
  lockOrTombstone(orderId: string): Promise<Reservation | 'tombstoned'>;
  /** Held reservations past their expiry, locked, skipping those another replica is handling. */
  lockOverdue(limit: number): Promise<Reservation[]>;
  /** Locks the stock rows (product id order) and says which products are for sale. */
  sellable(productIds: string[]): Promise<Map<string, SellableStock>>;
  setStatus(orderId: string, status: ReservationStatus): Promise<void>;
  reject(orderId: string, rejection: Rejection): Promise<void>;
}

export interface ReservationStore {
  transaction<T>(work: (tx: ReservationWrites) => Promise<T>): Promise<T>;
}

export interface ReservationDeskDeps {
  reservations: ReservationStore;
  lowStockThreshold: number;
  maxTtlSeconds: number;
}

type Moved = Parameters<typeof stockChanges>[1];

/**
 * Stock reservations for orders. Every call is one transaction; a refusal is recorded
 * (so a retry gets it again) and only raised once that transaction has committed.
 */
export class ReservationDesk {
  constructor(private readonly deps: ReservationDeskDeps) {}

  /** All lines or none, idempotent by order id: a retry gets the first answer again. */
  async reserve(
    command: ReserveCommand,
    actor: string,
  ): Promise<{ created: boolean; reservation: ReservationView }> {
    assertReservable(command, this.deps.maxTtlSeconds);
    const { view, created } = await this.settle(async (tx) => {
      const { reservation, created } = await tx.claim(command);
      if (!created) return replay(reservation, command);
      const rejection = judge(command.lines, await tx.sellable(command.lines.map((l) => l.productId)));
      if (rejection) {
        await tx.reject(command.orderId, rejection);
        return { error: rejectionError(rejection) };
      }
      await this.move(tx, command, 'reserved', actor);
      return { view: viewOf(reservation), created: true };
    });
    return { created: created ?? false, reservation: view };
  }

  commit(orderId: string, actor: string): Promise<ReservationView> {
    return this.act(orderId, 'commit', actor);
  }

  release(orderId: string, actor: string): Promise<ReservationView> {
    return this.act(orderId, 'release', actor);
  }

  restock(orderId: string, actor: string): Promise<ReservationView> {
    return this.act(orderId, 'restock', actor);
  }

  /** Releases a batch of holds past their expiry; returns how many. Safe with many replicas. */
  async expireOverdue(limit = 100): Promise<number> {
    return this.deps.reservations.transaction(async (tx) => {
      const overdue = await tx.lockOverdue(limit);
      if (overdue.length === 0) return 0;
      // Every stock row of the batch at once, in product order, before any change.
      await tx.lockStock(overdue.flatMap((r) => r.lines.map((l) => l.productId)));
      for (const reservation of overdue) {
        await tx.setStatus(reservation.orderId, 'expired');
        await this.move(tx, reservation, 'expired', 'sweeper');
      }
      return overdue.length;
    });
  }

  private async act(orderId: string, action: Action, actor: string): Promise<ReservationView> {
    const { view } = await this.settle(async (tx) => {
      const reservation = action === 'release' ? await tx.lockOrTombstone(orderId) : await tx.lock(orderId);
      if (reservation === 'tombstoned') {
        return { view: { orderId, status: 'released', expiresAt: null, lines: [] } };
      }
      if (!reservation) return { error: new ReservationNotFound(`No reservation for order ${orderId}.`) };
      await tx.lockStock(reservation.lines.map((l) => l.productId));
      if (reservation.overdue && action === 'commit') {
        // Past its expiry: the hold is gone even if the sweeper has not been by yet.
        await tx.setStatus(orderId, 'expired');
        await this.move(tx, reservation, 'expired', actor);
        return { error: notHeld(orderId, 'expired') };
      }
      const next = nextStatus(action, reservation.status);
      if (!next) return { error: refusal(action, reservation) };
      if (next === 'same') return { view: viewOf(reservation) };
      await tx.setStatus(orderId, next);
      await this.move(tx, reservation, next as Moved, actor);
      return { view: viewOf({ ...reservation, status: next }) };
    });
    return view;
  }

  /** Moves the stock of a reservation's lines, with audit rows and stock events. */
  private async move(
    tx: ReservationWrites,
    reservation: Pick<Reservation, 'orderId' | 'lines'>,
    movement: Moved,
    actor: string,
  ): Promise<void> {
    const applied = await tx.apply(stockChanges(reservation.lines, movement), {
      reason: movement,
      actor,
      orderId: reservation.orderId,
    });
    await tx.publish(stockSignals(applied, this.deps.lowStockThreshold));
  }

  private async settle(
    work: (tx: ReservationWrites) => Promise<Outcome>,
  ): Promise<Exclude<Outcome, { error: unknown }>> {
    const outcome = await this.deps.reservations.transaction(work);
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }
}
