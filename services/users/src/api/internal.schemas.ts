import { Type } from 'typebox';
import { SERVICE_NAMES } from '../domain/service-clients.js';
import { Strict, Uuid } from './common.schemas.js';

export const TokenRequest = Strict({
  grant_type: Type.Literal('client_credentials'),
  client_id: Type.String({ minLength: 1, maxLength: 100 }),
  client_secret: Type.String({ minLength: 1, maxLength: 500 }),
  audience: Type.Union(
    SERVICE_NAMES.map((name) => Type.Literal(name)),
    { description: 'The service the token is for: only that one accepts it' },
  ),
});

export const TokenResponse = Strict({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});

export const InternalUser = Strict({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')]),
  emailVerified: Type.Boolean(),
});

export const InternalUserParams = Strict({ id: Uuid });
export const InternalAddressParams = Strict({ id: Uuid, addressId: Uuid });
