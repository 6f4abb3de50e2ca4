import { type AppError, BadRequest } from '@shop/platform';
import {
  InsufficientStock,
  ProductUnavailable,
  ReservationCommitted,
  ReservationMismatch,
  ReservationNotCommitted,
  ReservationNotFound,
  ReservationNotHeld,
} from './errors.js';
import { availableOf, stockSignals, type Stock, type StockChange, type StockWrites } from './stock.js';

export type ReservationStatus = 'held' | 'committed' | 'released' | 'expired' | 'rejected' | 'restocked';

export interface ReservationLine {
  productId: string;
  quantity: number;
}

export interface Unavailable {
  productId: string;
  requested: number;
  available: number;
}

/** A refused reserve, kept so that a retry gets the same answer. */
export interface Rejection {
  code: 'insufficient_stock' | 'product_unavailable';
  unavailable: Unavailable[];
}

export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  expiresAt: string | null;
  lines: ReservationLine[];
  rejection: Rejection | null;
  /** Held past its expiry, not yet swept: treated as expired. */
  overdue: boolean;
}

export interface ReserveCommand {
  orderId: string;
  lines: ReservationLine[];
  ttlSeconds: number;
}

/** Products as a reservation sees them: whether they are for sale, and their stock. */
export interface SellableStock extends Stock {
  active: boolean;
}

export interface ReservationWrites extends StockWrites {
  /** Inserts a held reservation with its lines, unless this order id already has one (returned as is). */
  claim(command: ReserveCommand): Promise<{ reservation: Reservation; created: boolean }>;
  lock(orderId: string): Promise<Reservation | undefined>;
  /** Held reservations past their expiry, locked, skipping those another replica is handling. */
  lockOverdue(limit: number): Promise<Reservation[]>;
  sellable(productIds: string[]): Promise<Map<string, SellableStock>>;
  setStatus(orderId: string, status: ReservationStatus): Promise<void>;
  reject(orderId: string, rejection: Rejection): Promise<void>;
  /**
   * Locks the reservation, or when the order id has none, records it as released (a
   * tombstone), so a reserve arriving after its own release is refused.
   */
  lockOrTombstone(orderId: string): Promise<Reservation | 'tombstoned'>;
}

export interface ReservationStore {
  transaction<T>(work: (tx: ReservationWrites) => Promise<T>): Promise<T>;
}

export interface ReservationSettings {
  lowStockThreshold: number;
  maxTtlSeconds: number;
}

export type ReservationView = Pick<Reservation, 'orderId' | 'status' | 'expiresAt' | 'lines'>;

/**
 * What happened in a transaction: the view to answer with, or the error to answer
 * with once the transaction has committed (a refusal is recorded, not rolled back).
 */
type Outcome = { view: ReservationView; created?: boolean } | { error: AppError };

/** Each action allowed from a status, and the status it leads to (`same`: already done). */
const transitions = {
  commit: { held: 'committed', committed: 'same', restocked: 'same' },
  release: { held: 'released', released: 'same', expired: 'same', rejected: 'same' },
  restock: { committed: 'restocked', restocked: 'same' },
} as const satisfies Record<string, Partial<Record<ReservationStatus, ReservationStatus | 'same'>>>;

type Action = keyof typeof transitions;

/** The stock movement an action makes, per line. */
const movementOf: Record<
  'reserved' | 'committed' | 'released' | 'expired' | 'restocked',
  (q: number) => Omit<StockChange, 'productId'>
> = {
  reserved: (q) => ({ onHandDelta: 0, reservedDelta: q }),
  committed: (q) => ({ onHandDelta: -q, reservedDelta: -q }),
  released: (q) => ({ onHandDelta: 0, reservedDelta: -q }),
  expired: (q) => ({ onHandDelta: 0, reservedDelta: -q }),
  restocked: (q) => ({ onHandDelta: q, reservedDelta: 0 }),
};

export function reservationDesk(store: ReservationStore, settings: ReservationSettings) {
  /** Moves the stock of a reservation's lines and writes the audit rows and stock events. */
  async function move(
    tx: ReservationWrites,
    reservation: Pick<Reservation, 'orderId' | 'lines'>,
    reason: keyof typeof movementOf,
    actor: string,
  ) {
    const changes = reservation.lines.map((l) => ({
      productId: l.productId,
      ...movementOf[reason](l.quantity),
    }));
    const applied = await tx.apply(changes, { reason, actor, orderId: reservation.orderId });
    await tx.publish(stockSignals(applied, settings.lowStockThreshold));
  }

  async function act(orderId: string, action: Action, actor: string): Promise<ReservationView> {
    const outcome = await store.transaction(async (tx): Promise<Outcome> => {
      const reservation = action === 'release' ? await tx.lockOrTombstone(orderId) : await tx.lock(orderId);
      if (reservation === 'tombstoned')
        return { view: { orderId, status: 'released', expiresAt: null, lines: [] } };
      if (!reservation) return { error: new ReservationNotFound(`No reservation for order ${orderId}.`) };
      await tx.lockStock(reservation.lines.map((l) => l.productId));
      if (reservation.overdue && action === 'commit') {
        await tx.setStatus(orderId, 'expired');
        await move(tx, reservation, 'expired', actor);
        return { error: notHeld(orderId, 'expired') };
      }
      const next = (transitions[action] as Partial<Record<ReservationStatus, ReservationStatus | 'same'>>)[
        reservation.status
      ];
      if (!next) return { error: refusal(action, reservation) };
      if (next === 'same') return { view: viewOf(reservation) };
      await tx.setStatus(orderId, next);
      await move(tx, reservation, next as keyof typeof movementOf, actor);
      return { view: viewOf({ ...reservation, status: next, expiresAt: null }) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.view;
  }

  return {
    /** All lines or none, idempotent by order id: a retry gets the first answer again. */
    async reserve(
      command: ReserveCommand,
      actor: string,
    ): Promise<{ created: boolean; reservation: ReservationView }> {
      assertReservable(command, settings.maxTtlSeconds);
      const outcome = await store.transaction(async (tx): Promise<Outcome> => {
        const { reservation, created } = await tx.claim(command);
        if (!created) return replay(reservation, command);
        const stock = await tx.sellable(command.lines.map((l) => l.productId));
        const rejection = judge(command.lines, stock);
        if (rejection) {
          await tx.reject(command.orderId, rejection);
          return { error: rejectionError(rejection) };
        }
        await move(tx, command, 'reserved', actor);
        return { view: viewOf(reservation), created: true };
      });
      if ('error' in outcome) throw outcome.error;
      return { created: outcome.created ?? false, reservation: outcome.view };
    },

    commit: (orderId: string, actor: string) => act(orderId, 'commit', actor),
    release: (orderId: string, actor: string) => act(orderId, 'release', actor),
    restock: (orderId: string, actor: string) => act(orderId, 'restock', actor),

    /** Releases a batch of holds past their expiry; returns how many. Safe with many replicas. */
    async expireOverdue(limit = 100): Promise<number> {
      return store.transaction(async (tx) => {
        const overdue = await tx.lockOverdue(limit);
        if (overdue.length === 0) return 0;
        // Every stock row of the batch at once, in product order, before any change.
        await tx.lockStock(overdue.flatMap((r) => r.lines.map((l) => l.productId)));
        for (const reservation of overdue) {
          await tx.setStatus(reservation.orderId, 'expired');
          await move(tx, reservation, 'expired', 'sweeper');
        }
        return overdue.length;
      });
    },
  };
}

export type ReservationDesk = ReturnType<typeof reservationDesk>;

function assertReservable(command: ReserveCommand, maxTtlSeconds: number) {
  const ids = command.lines.map((l) => l.productId);
  if (new Set(ids).size !== ids.length) {
    throw new BadRequest({
      detail: 'Name each product once; add the quantities up.',
      fields: [{ field: 'body.lines', message: 'duplicate productId' }],
    });
  }
  if (command.ttlSeconds > maxTtlSeconds) {
    throw new BadRequest({
      detail: `Holds last at most ${maxTtlSeconds} seconds.`,
      fields: [{ field: 'body.ttlSeconds', message: `must be <= ${maxTtlSeconds}` }],
    });
  }
}

/** Why a reserve cannot be met, or null: unknown or unsellable products first, then short stock. */
export function judge(lines: ReservationLine[], stock: Map<string, SellableStock>): Rejection | null {
  const unsellable = lines.filter((l) => !stock.get(l.productId)?.active);
  if (unsellable.length > 0) {
    return {
      code: 'product_unavailable',
      unavailable: unsellable.map((l) => ({ productId: l.productId, requested: l.quantity, available: 0 })),
    };
  }
  const short = lines
    .map((l) => ({
      productId: l.productId,
      requested: l.quantity,
      available: availableOf(stock.get(l.productId)!),
    }))
    .filter((l) => l.available < l.requested);
  return short.length > 0 ? { code: 'insufficient_stock', unavailable: short } : null;
}

function replay(existing: Reservation, command: ReserveCommand): Outcome {
  if (existing.lines.length > 0 && !sameLines(existing.lines, command.lines)) {
    return { error: new ReservationMismatch(`Order ${command.orderId} was reserved with other lines.`) };
  }
  if (existing.rejection) return { error: rejectionError(existing.rejection) };
  if (existing.status === 'released' || existing.status === 'expired' || existing.overdue) {
    return { error: notHeld(existing.orderId, existing.overdue ? 'expired' : existing.status) };
  }
  return { view: viewOf(existing) };
}

function sameLines(a: ReservationLine[], b: ReservationLine[]): boolean {
  const key = (lines: ReservationLine[]) =>
    lines
      .map((l) => `${l.productId}:${l.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

function rejectionError(rejection: Rejection): AppError {
  const options = { extensions: { unavailable: rejection.unavailable } };
  return rejection.code === 'insufficient_stock'
    ? new InsufficientStock({
        ...options,
        detail: 'Some lines ask for more than is available; nothing was held.',
      })
    : new ProductUnavailable({
        ...options,
        detail: 'Some products are unknown or not for sale; nothing was held.',
      });
}

function notHeld(orderId: string, status: ReservationStatus): AppError {
  return new ReservationNotHeld({
    detail: `The reservation for order ${orderId} is ${status}.`,
    extensions: { reservationStatus: status },
  });
}

function refusal(action: Action, reservation: Reservation): AppError {
  const { orderId, status } = reservation;
  if (action === 'release') {
    return new ReservationCommitted({
      detail: `Order ${orderId} is ${status}.`,
      extensions: { reservationStatus: status },
    });
  }
  if (action === 'restock') {
    return new ReservationNotCommitted({
      detail: `Order ${orderId} is ${status}.`,
      extensions: { reservationStatus: status },
    });
  }
  return notHeld(orderId, status);
}

function viewOf(
  reservation: Pick<Reservation, 'orderId' | 'status' | 'expiresAt' | 'lines'>,
): ReservationView {
  const { orderId, status, expiresAt, lines } = reservation;
  return { orderId, status, expiresAt: status === 'held' ? expiresAt : null, lines };
}
