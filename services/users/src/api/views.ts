import type { Address } from '../domain/addresses.js';
import type { User } from '../domain/user.js';

/** Domain objects → response bodies. Nothing secret leaves: the response schemas are closed too. */
export const accountView = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  emailVerified: user.emailVerified,
  roles: user.roles,
  createdAt: user.createdAt.toISOString(),
});

export const profileView = (user: User) => ({
  ...accountView(user),
  pendingEmail: user.pendingEmail,
  preferences: user.preferences,
  avatarUrl: avatarUrl(user),
  updatedAt: user.updatedAt.toISOString(),
});

export const adminUserView = (user: User) => ({
  ...accountView(user),
  status: user.status,
  avatarUrl: avatarUrl(user),
  updatedAt: user.updatedAt.toISOString(),
});

export const addressView = (address: Address) => ({
  id: address.id,
  name: address.name,
  line1: address.line1,
  line2: address.line2,
  city: address.city,
  region: address.region,
  postalCode: address.postalCode,
  country: address.country,
  phone: address.phone,
  isDefault: address.isDefault,
  createdAt: address.createdAt.toISOString(),
  updatedAt: address.updatedAt.toISOString(),
});

/** Versioned, so caches can keep an avatar for long and still see a new one at once. */
function avatarUrl(user: User): string | null {
  return user.avatarVersion === null ? null : `/api/v1/users/${user.id}/avatar?v=${user.avatarVersion}`;
}
