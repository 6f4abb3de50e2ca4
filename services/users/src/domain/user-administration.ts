import type { Deps } from './deps.js';
import { CannotChangeOwnAccess, UserNotFound } from './errors.js';
import { pageOf, type Page } from './page.js';
import { endSessionsOf } from './sessions.js';
import type { User, UserRole, UserSearch, UserStatus } from './user.js';

export interface UserKey {
  createdAt: string;
  id: string;
}

/** Staff search: newest accounts first; the text is matched literally in email and name. */
export async function listUsers(
  deps: Deps,
  query: { text?: string; role?: UserRole; status?: UserStatus; after?: UserKey; limit: number },
): Promise<Page<User, UserKey>> {
  const search: UserSearch = { ...query, limit: query.limit + 1 };
  const rows = await deps.db.users.search(search);
  return pageOf(rows, query.limit, (u) => ({ createdAt: u.createdAt.toISOString(), id: u.id }));
}

export async function getUser(deps: Deps, id: string): Promise<User> {
  const user = await deps.db.users.findById(id);
  if (!user) throw new UserNotFound();
  return user;
}

/**
 * An admin changes someone's roles or disables them. Nobody changes their own access
 * (an admin cannot lock themselves out or quietly widen their rights). A disabled
 * account, or one that loses a role, is signed out everywhere at once (its tokens carry
 * the old roles; `user.sessions_revoked.v1` tells the other services); a deleted one can
 * no longer be changed.
 */
export async function changeAccess(
  deps: Deps,
  actorId: string,
  userId: string,
  changes: { roles?: UserRole[]; disabled?: boolean },
): Promise<User> {
  if (actorId === userId) throw new CannotChangeOwnAccess();
  return deps.db.transaction(async (tx) => {
    const user = await tx.users.lock(userId);
    if (!user || user.status === 'deleted') throw new UserNotFound();
    const status: UserStatus | undefined =
      changes.disabled === undefined ? undefined : changes.disabled ? 'disabled' : 'active';
    const updated = await tx.users.update(userId, {
      ...(changes.roles ? { roles: [...new Set(changes.roles)].sort() } : {}),
      ...(status ? { status } : {}),
    });
    const lostRole = user.roles.some((role) => !updated.roles.includes(role));
    if (status === 'disabled' && user.status !== 'disabled') {
      await endSessionsOf(deps, tx, userId, 'account_disabled');
    } else if (lostRole) {
      await endSessionsOf(deps, tx, userId, 'roles_changed');
    }
    return updated;
  });
}
