import type { Static } from 'typebox';
import type { User } from '../domain/user.js';
import type { AdminUser } from './admin.schemas.js';
import { accountView, avatarUrl } from './profile.views.js';

export const adminUserView = (user: User): Static<typeof AdminUser> => ({
  ...accountView(user),
  status: user.status,
  avatarUrl: avatarUrl(user),
  updatedAt: user.updatedAt.toISOString(),
});
