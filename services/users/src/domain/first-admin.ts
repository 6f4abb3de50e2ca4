import { randomUUID } from 'node:crypto';
import type { Deps } from './deps.js';
import { userRegistered } from './events.js';
import { assertStrongPassword } from './password-policy.js';
import { EmailTaken, UserNotFound } from './errors.js';
import { normaliseEmail, normaliseName, type UserRole } from './user.js';

export type FirstAdminOutcome = 'created' | 'already-admin' | 'promoted' | 'refused';

/**
 * The operator's admin account (ADMIN_EMAIL/ADMIN_PASSWORD at start, or the CLI). Safe to
 * run on every start. An existing account with that email is only promoted when it has
 * that very password: otherwise whoever registered the address first would become admin.
 */
export async function ensureAdmin(
  deps: Pick<Deps, 'db' | 'passwords'>,
  input: { email: string; password: string; name?: string },
): Promise<FirstAdminOutcome> {
  const email = normaliseEmail(input.email);
  const name = normaliseName(input.name ?? 'Administrator');
  const existing = await deps.db.users.findByEmail(email);
  if (existing) {
    if (existing.roles.includes('admin')) return 'already-admin';
    if (existing.status !== 'active' || !(await deps.passwords.verify(existing.passwordHash, input.password)))
      return 'refused';
    await promote(deps, existing.id, existing.roles);
    return 'promoted';
  }
  assertStrongPassword(input.password, { email, name });
  const passwordHash = await deps.passwords.hash(input.password);
  try {
    await deps.db.transaction(async (tx) => {
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
    if (error instanceof EmailTaken) return ensureAdmin(deps, input);
    throw error;
  }
  return 'created';
}

/** The CLI's --promote: an operator with database access vouches for the account. */
export async function promoteToAdmin(
  deps: Pick<Deps, 'db'>,
  email: string,
): Promise<'promoted' | 'already-admin'> {
  const user = await deps.db.users.findByEmail(normaliseEmail(email));
  if (!user || user.status === 'deleted') throw new UserNotFound(`No account has the email ${email}.`);
  if (user.roles.includes('admin')) return 'already-admin';
  await promote(deps, user.id, user.roles);
  return 'promoted';
}

async function promote(deps: Pick<Deps, 'db'>, userId: string, roles: UserRole[]) {
  await deps.db.users.update(userId, { roles: [...new Set([...roles, 'admin' as const])].sort() });
}
