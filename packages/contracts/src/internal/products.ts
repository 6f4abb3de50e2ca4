/**
 * products' internal API (service token with audience `products`; CONTRIBUTING.md, "Internal API"):
 * the batch lookup and the stock reservations orders holds, commits, releases and restocks.
 * products uses these as its route schemas; orders and users use the types.
 *
 * Exports:
 * - batch lookup `GET /internal/products?ids=`: PRODUCT_LOOKUP_MAX_IDS, ProductLookupQuery,
 *   ProductLookupItem, ProductLookupResponse
 * - reservations `POST /internal/reservations` and `/internal/reservations/{orderId}/commit|release|restock`:
 *   ReservationOrderId, ReservationOrderIdParams, ReservationLine, ReserveRequest, ReservationStatus,
 *   ReservationResponse, ReservationStatusResponse
 * - their problems: ProductsProblemCode (the codes), UnavailableLine, ReserveConflictProblem (409 of a
 *   reserve), ProductUnavailableProblem (422 of a reserve), ReservationRefusedProblem (409 of a
 *   commit, release or restock)
 */
import { Type, type Static, type TProperties } from 'typebox';
import { Currency, MinorUnits } from '../money.js';

const Uuid = Type.String({ format: 'uuid' });
const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ProductStatus = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);

// Batch lookup ---------------------------------------------------------------------------------

export const PRODUCT_LOOKUP_MAX_IDS = 100;

export const ProductLookupQuery = Type.Object(
  {
    ids: Type.String({
      pattern: `^${UUID_PATTERN}(,${UUID_PATTERN}){0,${PRODUCT_LOOKUP_MAX_IDS - 1}}$`,
      description: `Comma-separated product ids, at most ${PRODUCT_LOOKUP_MAX_IDS}`,
    }),
  },
  { additionalProperties: false },
);
export type ProductLookupQuery = Static<typeof ProductLookupQuery>;

/** A product as other services see it: every status; `available` units can be ordered now. */
export const ProductLookupItem = Type.Object({
  id: Uuid,
  sku: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  price: MinorUnits,
  currency: Currency,
  status: ProductStatus,
  categoryId: Uuid,
  brand: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  available: Type.Integer(),
  inStock: Type.Boolean(),
  rating: Type.Object({ average: Type.Number(), count: Type.Integer() }),
});
export type ProductLookupItem = Static<typeof ProductLookupItem>;

/** Unknown ids are absent. */
export const ProductLookupResponse = Type.Object({ items: Type.Array(ProductLookupItem) });
export type ProductLookupResponse = Static<typeof ProductLookupResponse>;

// Reservations ---------------------------------------------------------------------------------

export const ReservationOrderId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}$' });
export type ReservationOrderId = Static<typeof ReservationOrderId>;

export const ReservationOrderIdParams = Type.Object(
  { orderId: ReservationOrderId },
  { additionalProperties: false },
);
export type ReservationOrderIdParams = Static<typeof ReservationOrderIdParams>;

export const ReservationLine = Type.Object(
  { productId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
  { additionalProperties: false },
);
export type ReservationLine = Static<typeof ReservationLine>;

/** Every line or none; idempotent by `orderId`. */
export const ReserveRequest = Type.Object(
  {
    orderId: ReservationOrderId,
    lines: Type.Array(ReservationLine, { minItems: 1, maxItems: 100 }),
    ttlSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
  },
  { additionalProperties: false },
);
export type ReserveRequest = Static<typeof ReserveRequest>;

export const ReservationStatus = Type.Enum([
  'held',
  'committed',
  'released',
  'expired',
  'rejected',
  'restocked',
]);
export type ReservationStatus = Static<typeof ReservationStatus>;

/** `expiresAt` is set while the reservation is held, null otherwise. */
export const ReservationResponse = Type.Object({
  orderId: Type.String(),
  status: ReservationStatus,
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lines: Type.Array(Type.Object({ productId: Uuid, quantity: Type.Integer() })),
});
export type ReservationResponse = Static<typeof ReservationResponse>;

export const ReservationStatusResponse = Type.Object({ orderId: Type.String(), status: ReservationStatus });
export type ReservationStatusResponse = Static<typeof ReservationStatusResponse>;

// Problems -------------------------------------------------------------------------------------

/** The `code` of each problem the reservations answer besides validation and auth. */
export const ProductsProblemCode = {
  insufficientStock: 'insufficient_stock',
  productUnavailable: 'product_unavailable',
  reservationNotFound: 'reservation_not_found',
  reservationNotHeld: 'reservation_not_held',
  reservationCommitted: 'reservation_committed',
  reservationNotCommitted: 'reservation_not_committed',
  reservationMismatch: 'reservation_mismatch',
} as const;
export type ProductsProblemCode = (typeof ProductsProblemCode)[keyof typeof ProductsProblemCode];

/** A line that cannot be met: unknown or unsellable products have `available` 0. */
export const UnavailableLine = Type.Object({
  productId: Type.String(),
  requested: Type.Integer(),
  available: Type.Integer(),
});
export type UnavailableLine = Static<typeof UnavailableLine>;

/** An RFC 9457 problem document (as the platform writes it) with these codes and members. */
function problem<const Codes extends readonly string[], const Members extends TProperties>(
  codes: Codes,
  members: Members,
  description: string,
) {
  return Type.Object(
    {
      type: Type.String(),
      title: Type.String(),
      status: Type.Integer(),
      code: Type.Enum(codes),
      detail: Type.Optional(Type.String()),
      instance: Type.Optional(Type.String()),
      requestId: Type.Optional(Type.String()),
      ...members,
    },
    { additionalProperties: true, description },
  );
}

/** 409 to a reserve: short stock (`unavailable`), other lines, or no longer held (`reservationStatus`). */
export const ReserveConflictProblem = problem(
  [
    ProductsProblemCode.insufficientStock,
    ProductsProblemCode.reservationMismatch,
    ProductsProblemCode.reservationNotHeld,
  ],
  {
    unavailable: Type.Optional(Type.Array(UnavailableLine, { description: 'With insufficient_stock' })),
    reservationStatus: Type.Optional(ReservationStatus),
  },
  'insufficient_stock (nothing was held), reservation_mismatch or reservation_not_held',
);
export type ReserveConflictProblem = Static<typeof ReserveConflictProblem>;

/** 422 to a reserve: unknown or inactive products; nothing was held. */
export const ProductUnavailableProblem = problem(
  [ProductsProblemCode.productUnavailable],
  { unavailable: Type.Array(UnavailableLine) },
  'product_unavailable: some products are unknown or not for sale; nothing was held',
);
export type ProductUnavailableProblem = Static<typeof ProductUnavailableProblem>;

/** 409 to a commit, release or restock: the reservation's status does not allow it. */
export const ReservationRefusedProblem = problem(
  [
    ProductsProblemCode.reservationNotHeld,
    ProductsProblemCode.reservationCommitted,
    ProductsProblemCode.reservationNotCommitted,
  ],
  { reservationStatus: ReservationStatus },
  'reservation_not_held (commit), reservation_committed (release) or reservation_not_committed (restock)',
);
export type ReservationRefusedProblem = Static<typeof ReservationRefusedProblem>;
