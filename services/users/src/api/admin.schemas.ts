import { LimitSchema, PageSchema } from '@shop/platform';
import { Type } from 'typebox';
import { Role } from './auth.schemas.js';
import { Cursor, Strict, Timestamp, Uuid } from './common.schemas.js';

const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')]);

export const AdminUser = Strict({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  emailVerified: Type.Boolean(),
  roles: Type.Array(Role),
  status: Status,
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AdminUserPage = PageSchema(AdminUser);

export const UserListQuery = Strict({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Text in the email or name' })),
  role: Type.Optional(Role),
  status: Type.Optional(Status),
  limit: LimitSchema(100, 20),
  cursor: Type.Optional(Cursor),
});

export const UserParams = Strict({ id: Uuid });

export const AccessPatch = Type.Object(
  {
    roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 3, uniqueItems: true })),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled account cannot sign in or refresh' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
