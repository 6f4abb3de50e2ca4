import { Type } from 'typebox';
import { Role } from './auth.schemas.js';
import { Email, Strict, Text, Timestamp, Uuid } from './common.schemas.js';

const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const Preferences = Strict({
  language: Type.Optional(
    Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47, e.g. en or de-CH' }),
  ),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. EUR' })),
  marketingEmails: Type.Optional(Type.Boolean()),
});

export const Profile = Strict({
  id: Uuid,
  email: Type.String(),
  pendingEmail: Type.Union([Type.String(), Type.Null()], {
    description: 'A new address waiting to be confirmed through the link mailed to it',
  }),
  emailVerified: Type.Boolean(),
  name: Type.String(),
  roles: Type.Array(Role),
  preferences: Preferences,
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Text(100)),
    email: Type.Optional(Email),
    currentPassword: Type.Optional(Password),
    preferences: Type.Optional(Preferences),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      'Only these fields can be changed here; anything else (roles, status, …) is refused with 400. A new email needs currentPassword and takes effect once confirmed.',
  },
);

export const PasswordChange = Strict({ currentPassword: Password, newPassword: Password });
export const AccountDeletion = Strict({ password: Password });
