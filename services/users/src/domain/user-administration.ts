import { CannotChangeOwnAccess, UserNotFound } from './errors.js';
import { pageOf, type Page } from './page.js';
import type { UnitOfWork } from './ports.js';
import type { SessionEnding, Sessions } from './sessions.js';
import type { User, UserRole, UserSearch, UserStatus, UserStore } from './user.js';

export interface UserKey {
  createdAt: string;
  id: string;
}

export interface UserAdministrationDeps {
  users: UserStore;
  db: UnitOfWork<SessionEnding & { users: UserStore }>;
  sessions: Sessions;
}

/** Staff looking accounts up and changing their access; other services looking one up. */
export class UserAdministration {
  constructor(private readonly deps: UserAdministrationDeps) {}

  /** Staff search: newest accounts first; the text is matched literally in email and name. */
  async list(query: {
    text?: string;
    role?: UserRole;
    status?: UserStatus;
    after?: UserKey;
    limit: number;
  }): Promise<Page<User, UserKey>> {
    const search: UserSearch = { ...query, limit: query.limit + 1 };
    const rows = await this.deps.users.search(search);
    return pageOf(rows, query.limit, (u) => ({ createdAt: u.createdAt.toISOString(), id: u.id }));
  }

  async get(id: string): Promise<User> {
    const user = await this.deps.users.findById(id);
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
  async changeAccess(
    actorId: string,
    userId: string,
    changes: { roles?: UserRole[]; disabled?: boolean },
  ): Promise<User> {
    if (actorId === userId) throw new CannotChangeOwnAccess();
    const { db, sessions } = this.deps;
    return db.transaction(async (tx) => {
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
        await sessions.endAllOf(tx, userId, 'account_disabled');
      } else if (lostRole) {
        await sessions.endAllOf(tx, userId, 'roles_changed');
      }
      return updated;
    });
  }
}
