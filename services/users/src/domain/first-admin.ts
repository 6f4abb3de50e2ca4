import { randomUUID } from 'node:crypto';
import { EmailTaken, UserNotFound } from './errors.js';
import { userRegistered, type EventLog } from './events.js';
import { assertStrongPassword } from './password-policy.js';
import type { PasswordHasher } from './passwords.js';
import type { UnitOfWork } from './ports.js';
import { normaliseEmail, normaliseName, type UserRole, type UserStore } from './user.js';

export type FirstAdminOutcome = 'created' | 'already-admin' | 'promoted' | 'refused';

export interface FirstAdminDeps {
  users: UserStore;
  db: UnitOfWork<{ users: UserStore; events: EventLog }>;
  passwords: PasswordHasher;
}

/** The operator's admin account (ADMIN_EMAIL/ADMIN_PASSWORD at start, or the CLI). */
export class FirstAdmin {
  constructor(private readonly deps: FirstAdminDeps) {}

  /**
   * Safe to run on every start. An existing account with that email is only promoted when it
   * has that very password: otherwise whoever registered the address first would become admin.
   */
  async ensure(input: { email: string; password: string; name?: string }): Promise<FirstAdminOutcome> {
    const { users, db, passwords } = this.deps;
    const email = normaliseEmail(input.email);
    const name = normaliseName(input.name ?? 'Administrator');
    const existing = await users.findByEmail(email);
    if (existing) {
      if (existing.roles.includes('admin')) return 'already-admin';
      if (existing.status !== 'active' || !(await passwords.verify(existing.passwordHash, input.password)))
        return 'refused';
      await this.promote(existing.id, existing.roles);
      return 'promoted';
    }
    assertStrongPassword(input.password, { email, name });
    const passwordHash = await passwords.hash(input.password);
    try {
      await db.transaction(async (tx) => {
        const user = await tx.users.insert({
          id: randomUUID(),
          email,
          emailVerified: true,
          name,
          passwordHash,
          roles: ['admin'],
        });
        await tx.events.append([userRegistered(user)]);
      });
    } catch (error) {
      // Replicas starting together each try to create it: the one that lost finds it made.
      if (error instanceof EmailTaken) return this.ensure(input);
      throw error;
    }
    return 'created';
  }

  /** The CLI's --promote: an operator with database access vouches for the account. */
  async promoteExisting(email: string): Promise<'promoted' | 'already-admin'> {
    const user = await this.deps.users.findByEmail(normaliseEmail(email));
    if (!user || user.status === 'deleted') throw new UserNotFound(`No account has the email ${email}.`);
    if (user.roles.includes('admin')) return 'already-admin';
    await this.promote(user.id, user.roles);
    return 'promoted';
  }

  private async promote(userId: string, roles: UserRole[]): Promise<void> {
    await this.deps.users.update(userId, { roles: [...new Set([...roles, 'admin' as const])].sort() });
  }
}
