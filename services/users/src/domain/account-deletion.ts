import { clearSignInFailures, confirmPassword } from './authentication.js';
import type { Deps } from './deps.js';
import { UserNotFound } from './errors.js';
import { userDeleted } from './events.js';
import { avatarUploadKey } from './avatar.js';
import { verificationResendKey } from './email-verification.js';
import { resetAccountKey } from './password-reset.js';
import { emailChangeKey } from './profile.js';
import { endSessionsOf } from './sessions.js';
import { unlockAccountKey } from './unlock.js';

// Counters that name the person (the per-address ones name no one; the per-recipient mail budget
// keeps only a hash, and must outlive the account: see mail-budget.ts).
const throttleKeysOf = (user: { id: string; email: string }) => [
  resetAccountKey(user.email),
  unlockAccountKey(user.email),
  emailChangeKey(user.id),
  verificationResendKey(user.id),
  avatarUploadKey(user.id),
];

/**
 * Closes the account for good. The row stays (orders refer to its id) but everything
 * personal goes: email, name, password, preferences, avatar, addresses, favorites,
 * sessions, links, attempt counters, recommendation signals, owed mails and the published
 * events that named the person. Anonymous totals (what sells with what) stay.
 * `user.deleted.v1` tells the other services to do the same.
 */
export async function deleteAccount(deps: Deps, userId: string, password: string, ip: string): Promise<void> {
  const user = await deps.db.users.findById(userId);
  if (!user || user.status === 'deleted') throw new UserNotFound();
  await confirmPassword(deps, user, password, ip);
  await deps.db.transaction(async (tx) => {
    await tx.users.lock(user.id);
    await tx.users.anonymise(user.id);
    // Every service refuses their tokens at once; then the sessions go rather than stay ended,
    // since they remember the addresses and browsers used.
    await endSessionsOf(deps, tx, user.id, 'account_deleted');
    await tx.sessions.deleteAllOf(user.id);
    await tx.addresses.deleteAllOf(user.id);
    await tx.favorites.deleteAllOf(user.id);
    await tx.emailTokens.deleteAllOf(user.id);
    await tx.signals.forgetUser(user.id);
    await tx.notifications.forgetUser(user.id);
    await clearSignInFailures(tx.throttle, user.email);
    for (const key of throttleKeysOf(user)) await tx.throttle.clear(key);
    // user.registered.v1 carried the email and name.
    await tx.events.erasePublished(user.id);
    await tx.events.append([userDeleted(user.id)]);
  });
  if (user.avatarVersion !== null) {
    deps.later('avatar removal', () => deps.avatars.removeAll(user.id));
  }
}
