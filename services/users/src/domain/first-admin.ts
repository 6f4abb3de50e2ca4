import { randomUUID } from 'node:crypto';
import type { Deps } from './deps.js';
import { userRegistered } from './events.js';
import { assertStrongPassword } from './password-policy.js';
import { normaliseEmail, normaliseName } from './user.js';

export type FirstAdminOutcome = 'created' | 'already-admin' | 'promoted' | 'refused';

/**
 * The operator's admin account (ADMIN_EMAIL/ADMIN_PASSWORD at start, or the CLI). Safe to
 * run on every start. An existing account with that email is only promoted when it has
 * that very password: otherwise whoever registered the address first would become admin.
 */
export async function ensureAdmin(
  deps: Deps,
  input: { email: string; password: string; name?: string },
): Promise<FirstAdminOutcome> {
  const email = normaliseEmail(input.email);
  const name = normaliseName(input.name ?? 'Administrator');
  const existing = await deps.db.users.findByEmail(email);
  if (existing) {
    if (existing.roles.includes('admin')) return 'already-admin';
    if (existing.status !== 'active' || !(await deps.passwords.verify(existing.passwordHash, input.password)))
      return 'refused';
    await deps.db.users.update(existing.id, { roles: [...new Set([...existing.roles, 'admin' as const])] });
    return 'promoted';
  }
  assertStrongPassword(input.password, { email, name });
  const passwordHash = await deps.passwords.hash(input.password);
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
  return 'created';
}
