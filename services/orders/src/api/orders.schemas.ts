import { Currency, MinorUnits } from '@shop/contracts';
import { LimitSchema, PageSchema } from '@shop/platform';
import { Type, type TSchema } from 'typebox';
import { MAX_QUANTITY } from '../domain/cart.js';
import type { PlaceOrderRequest } from '../domain/place-order.js';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
/**
 * No lone UTF-16 surrogates (half an emoji): JSON.stringify escapes one as `\ud800`, which
 * PostgreSQL's JSONB refuses (a 500 where the address or tracking is stored), and it is no text.
 * Ajv matches patterns as Unicode, so a whole surrogate pair is one character and passes.
 */
const WELL_FORMED = '^[^\\uD800-\\uDFFF]*$';
const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: WELL_FORMED, ...(description ? { description } : {}) });
const OptionalText = (maxLength: number) => Type.String({ maxLength, pattern: WELL_FORMED });
// Null first: with type coercion on, AJV would otherwise turn a null into "" for a string.
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([Type.Null(), schema], options);

export const OrderStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('awaiting_payment'),
  Type.Literal('paid'),
  Type.Literal('shipped'),
  Type.Literal('delivered'),
  Type.Literal('rejected'),
  Type.Literal('payment_failed'),
  Type.Literal('cancelled'),
  Type.Literal('refunded'),
]);

export const ShippingAddress = Type.Object(
  {
    name: Text(200),
    line1: Text(200),
    line2: Nullable(OptionalText(200)),
    city: Text(100),
    postalCode: Text(20),
    region: Nullable(OptionalText(100)),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    phone: Nullable(OptionalText(40)),
  },
  strict,
);

/** The address as typed in at checkout: line2, region and phone may be left out. */
const GivenAddress = Type.Object(
  {
    ...ShippingAddress.properties,
    line2: Type.Optional(ShippingAddress.properties.line2),
    region: Type.Optional(ShippingAddress.properties.region),
    phone: Type.Optional(ShippingAddress.properties.phone),
  },
  strict,
);

const Quantity = Type.Integer({
  minimum: 1,
  maximum: MAX_QUANTITY,
  description: `At most ${MAX_QUANTITY}, also once the items naming the same product are added up`,
});

/**
 * Exactly one of addressId and shippingAddress: with both, the problem names `body.addressId`
 * (it may not come with a shippingAddress); with neither, `body.addressId` is required.
 */
const OneAddress = {
  if: { required: ['shippingAddress'] },
  then: { properties: { addressId: { not: {} } } },
  else: { required: ['addressId'] },
};

export const PlaceOrderBody = Type.Unsafe<PlaceOrderRequest>(
  Type.Object(
    {
      addressId: Type.Optional(Uuid),
      shippingAddress: Type.Optional(GivenAddress),
      paymentMethod: Type.String({
        pattern: '^pm_[A-Za-z0-9_]{1,200}$',
        description: 'A Stripe PaymentMethod id, e.g. pm_card_visa',
      }),
      items: Type.Optional(
        Type.Array(Type.Object({ productId: Uuid, quantity: Quantity }, strict), {
          minItems: 1,
          maxItems: 100,
          description: 'Order these instead of the cart (items naming the same product become one line)',
        }),
      ),
    },
    { ...strict, ...OneAddress, description: 'Exactly one of addressId and shippingAddress' },
  ),
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[\\x21-\\x7E]{1,255}$',
    description: 'Unique per checkout attempt; retries reuse it (Stripe semantics)',
  }),
});

export const OrderParams = Type.Object({ id: Uuid }, strict);

const Tracking = Type.Object({ carrier: Type.String(), trackingNumber: Type.String() });

export const TimelineEntry = Type.Object({
  id: Type.Integer(),
  status: OrderStatus,
  at: Type.String({ format: 'date-time' }),
  reason: Nullable(Type.String()),
  tracking: Type.Optional(Tracking),
});

export const Order = Type.Object({
  id: Uuid,
  userId: Type.String(),
  status: OrderStatus,
  lines: Type.Array(
    Type.Object({
      productId: Uuid,
      name: Type.String(),
      unitPrice: MinorUnits,
      quantity: Type.Integer(),
      lineTotal: MinorUnits,
    }),
  ),
  subtotal: MinorUnits,
  shipping: MinorUnits,
  total: MinorUnits,
  currency: Currency,
  shippingAddress: Nullable(ShippingAddress, { description: 'Null once the order is anonymised' }),
  payment: Type.Object({
    status: Type.String(),
    method: Type.String(),
    nextAction: Type.Optional(
      Type.Object({
        type: Type.String(),
        redirectUrl: Nullable(Type.String()),
        clientSecret: Nullable(Type.String()),
      }),
    ),
    failureReason: Type.Optional(Type.String()),
  }),
  tracking: Type.Optional(Tracking),
  timeline: Type.Array(TimelineEntry),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'Unpaid orders cancel then' })),
  anonymisedAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'When the personal data left (the account was deleted)',
    }),
  ),
});

export const OrderSummary = Type.Object({
  id: Uuid,
  userId: Type.String(),
  status: OrderStatus,
  currency: Currency,
  subtotal: MinorUnits,
  shipping: MinorUnits,
  total: MinorUnits,
  itemCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const OrderPage = PageSchema(OrderSummary);

export const ListOrdersQuery = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    userId: Type.Optional(Text(100, 'Staff only')),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Created before' })),
    limit: LimitSchema(100, 20),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  strict,
);

export const ShipBody = Type.Object({ carrier: Text(100), trackingNumber: Text(100) }, strict);
