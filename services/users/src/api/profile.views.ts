import type { Static } from 'typebox';
import type { User } from '../domain/user.js';
import type { Profile } from './profile.schemas.js';

/** Versioned, so caches can keep an avatar for long and still see a new one at once. */
export const avatarPath = (userId: string, version: number) => `/api/v1/users/${userId}/avatar?v=${version}`;

export function avatarUrl(user: User): string | null {
  return user.avatarVersion === null ? null : avatarPath(user.id, user.avatarVersion);
}

/** What every view of an account shows. Nothing secret leaves: the response schemas are closed too. */
export const accountView = (user: User) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  emailVerified: user.emailVerified,
  roles: user.roles,
  createdAt: user.createdAt.toISOString(),
});

export const profileView = (user: User): Static<typeof Profile> => ({
  ...accountView(user),
  pendingEmail: user.pendingEmail,
  preferences: user.preferences,
  avatarUrl: avatarUrl(user),
  updatedAt: user.updatedAt.toISOString(),
});
