import { confirmPassword } from './authentication.js';
import type { Deps } from './deps.js';
import { UserNotFound } from './errors.js';
import { userDeleted } from './events.js';

/**
 * Closes the account for good. The row stays (orders refer to its id) but everything
 * personal goes: email, name, password, preferences, avatar, addresses, favorites,
 * sessions and links. `user.deleted.v1` tells the other services to do the same.
 */
export async function deleteAccount(deps: Deps, userId: string, password: string, ip: string): Promise<void> {
  const user = await deps.db.users.findById(userId);
  if (!user || user.status === 'deleted') throw new UserNotFound();
  await confirmPassword(deps, user, password, ip);
  await deps.db.transaction(async (tx) => {
    await tx.users.lock(user.id);
    await tx.users.anonymise(user.id);
    await tx.sessions.revokeAllOf(user.id, 'account_deleted');
    await tx.addresses.deleteAllOf(user.id);
    await tx.favorites.deleteAllOf(user.id);
    await tx.emailTokens.discardUnused(user.id, 'verify_email');
    await tx.emailTokens.discardUnused(user.id, 'reset_password');
    await tx.events.append([userDeleted(user.id)]);
  });
  if (user.avatarVersion !== null) {
    deps.later('avatar removal', () => deps.avatars.removeAll(user.id));
  }
}
