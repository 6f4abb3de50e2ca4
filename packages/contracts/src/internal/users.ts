import { Type, type Static } from 'typebox';

/**
 * users' internal API (service tokens only, never routed by the gateway): the user lookup, one of a
 * user's addresses, and the client-credentials token endpoint. users serves these schemas as its
 * route schemas; callers (orders, products) use the types. Objects are closed both ways.
 */

const Uuid = Type.String({ format: 'uuid', description: 'UUID' });
const Timestamp = Type.String({ format: 'date-time' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The `code` of each problem users' internal routes answer besides validation (400) and auth (401). */
export const UsersProblemCode = {
  invalidClient: 'invalid_client',
  userNotFound: 'user_not_found',
  addressNotFound: 'address_not_found',
} as const;
export type UsersProblemCode = (typeof UsersProblemCode)[keyof typeof UsersProblemCode];

/** The services whose /internal routes take client-credentials tokens (a token's audience). */
export const INTERNAL_AUDIENCES = ['users', 'products', 'orders'] as const;
export type InternalAudience = (typeof INTERNAL_AUDIENCES)[number];

// POST /internal/oauth/token ----------------------------------------------------------------------

/** RFC 6749 §4.4: a form body (as OAuth2 clients send) or the same fields as JSON. */
export const ServiceTokenRequest = Type.Object(
  {
    grant_type: Type.Literal('client_credentials'),
    client_id: Type.String({ minLength: 1, maxLength: 100 }),
    client_secret: Type.String({ minLength: 1, maxLength: 500 }),
    audience: Type.Union(
      INTERNAL_AUDIENCES.map((name) => Type.Literal(name)),
      { description: 'The service the token is for: only that one accepts it' },
    ),
  },
  { additionalProperties: false },
);
export type ServiceTokenRequest = Static<typeof ServiceTokenRequest>;

export const ServiceTokenResponse = Type.Object(
  {
    access_token: Type.String(),
    token_type: Type.Literal('Bearer'),
    expires_in: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ServiceTokenResponse = Static<typeof ServiceTokenResponse>;

/**
 * What the token endpoint refuses with: 400 `validation_failed` (another grant type, a missing field,
 * an unknown audience), 401 `invalid_client` (an unknown client or a wrong secret: the same answer).
 */
export const ServiceTokenProblems = {
  400: ['validation_failed'],
  401: [UsersProblemCode.invalidClient],
} as const;

// GET /internal/users/{id} ------------------------------------------------------------------------

export const InternalUserParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type InternalUserParams = Static<typeof InternalUserParams>;

export const InternalUser = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')]),
    emailVerified: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type InternalUser = Static<typeof InternalUser>;

/** 400 a malformed id, 401 no service token for users, 404 no such user. */
export const InternalUserProblems = {
  400: ['validation_failed'],
  401: ['unauthenticated'],
  404: [UsersProblemCode.userNotFound],
} as const;

// GET /internal/users/{id}/addresses/{addressId} --------------------------------------------------

export const InternalAddressParams = Type.Object(
  { id: Uuid, addressId: Uuid },
  { additionalProperties: false },
);
export type InternalAddressParams = Static<typeof InternalAddressParams>;

/** A saved address, as the address book shows it (orders copies it onto an order). */
export const InternalAddress = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    line1: Type.String(),
    line2: NullableString,
    city: Type.String(),
    region: NullableString,
    postalCode: Type.String(),
    country: Type.String(),
    phone: NullableString,
    isDefault: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type InternalAddress = Static<typeof InternalAddress>;

/** 400 a malformed id, 401 no service token for users, 404 no such address or not that user's (the same answer). */
export const InternalAddressProblems = {
  400: ['validation_failed'],
  401: ['unauthenticated'],
  404: [UsersProblemCode.addressNotFound],
} as const;
