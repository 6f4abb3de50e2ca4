import type { ProductsProblemCode, ReservationStatus, UnavailableLine } from '@shop/contracts/internal';
import { type AppError, BadRequest } from '@shop/platform/domain';
import {
  InsufficientStock,
  ProductUnavailable,
  ReservationCommitted,
  ReservationMismatch,
  ReservationNotCommitted,
  ReservationNotHeld,
} from './errors.js';
import { availableOf, type Stock, type StockChange, type StockReason } from './stock.js';

/** The rules of a stock reservation, without storage: what may happen to it, and what is answered. */

export type { ReservationStatus };

export interface ReservationLine {
  productId: string;
  quantity: number;
}

export type Unavailable = UnavailableLine;

/** A refused reserve, kept so that a retry gets the same answer. */
export interface Rejection {
  code: Extract<ProductsProblemCode, 'insufficient_stock' | 'product_unavailable'>;
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

export type ReservationView = Pick<Reservation, 'orderId' | 'status' | 'expiresAt' | 'lines'>;

/** What a reservation call answers: a view, or an error (raised once the transaction has committed). */
export type Outcome = { view: ReservationView; created?: boolean } | { error: AppError };

export type Action = 'commit' | 'release' | 'restock';

/** Each action allowed from a status, and the status it leads to (`same`: already done). */
const transitions: Record<Action, Partial<Record<ReservationStatus, ReservationStatus | 'same'>>> = {
  commit: { held: 'committed', committed: 'same', restocked: 'same' },
  release: { held: 'released', released: 'same', expired: 'same', rejected: 'same' },
  restock: { committed: 'restocked', restocked: 'same' },
};

export function nextStatus(
  action: Action,
  status: ReservationStatus,
): ReservationStatus | 'same' | undefined {
  return transitions[action][status];
}

type Movement = Extract<StockReason, 'reserved' | 'committed' | 'released' | 'expired' | 'restocked'>;

/** The stock each line moves when a reservation is made or changes status. */
export function stockChanges(lines: ReservationLine[], movement: Movement): StockChange[] {
  const delta: Record<Movement, (q: number) => Omit<StockChange, 'productId'>> = {
    reserved: (q) => ({ onHandDelta: 0, reservedDelta: q }),
    committed: (q) => ({ onHandDelta: -q, reservedDelta: -q }),
    released: (q) => ({ onHandDelta: 0, reservedDelta: -q }),
    expired: (q) => ({ onHandDelta: 0, reservedDelta: -q }),
    restocked: (q) => ({ onHandDelta: q, reservedDelta: 0 }),
  };
  return lines.map((line) => ({ productId: line.productId, ...delta[movement](line.quantity) }));
}

/**
 * Said here, not in the route schema (the contract): a JSON schema cannot ask for items unique by
 * one member, and the longest hold is this service's setting, not part of the contract.
 */
export function assertReservable(command: ReserveCommand, maxTtlSeconds: number) {
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

/** The answer to a reserve for an order id seen before: whatever it was answered then. */
export function replay(existing: Reservation, command: ReserveCommand): Outcome {
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

export function rejectionError(rejection: Rejection): AppError {
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

export function notHeld(orderId: string, status: ReservationStatus): AppError {
  return new ReservationNotHeld({
    detail: `The reservation for order ${orderId} is ${status}.`,
    extensions: { reservationStatus: status },
  });
}

/** Why an action is not allowed from the reservation's status. */
export function refusal(action: Action, reservation: Reservation): AppError {
  const { orderId, status } = reservation;
  const options = { detail: `Order ${orderId} is ${status}.`, extensions: { reservationStatus: status } };
  if (action === 'release') return new ReservationCommitted(options);
  if (action === 'restock') return new ReservationNotCommitted(options);
  return notHeld(orderId, status);
}

export function viewOf(reservation: ReservationView): ReservationView {
  const { orderId, status, expiresAt, lines } = reservation;
  return { orderId, status, expiresAt: status === 'held' ? expiresAt : null, lines };
}
