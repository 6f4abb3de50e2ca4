import { clearSignInFailures, type Authentication } from './authentication.js';
import { avatarUploadKey, type AvatarStore } from './avatar.js';
import type { AddressStore } from './address-book.js';
import type { EmailTokenStore } from './email-tokens.js';
import { verificationResendKey } from './email-verification.js';
import { UserNotFound } from './errors.js';
import { userDeleted } from './events.js';
import type { FavoriteStore } from './favorites.js';
import type { NotificationStore } from './notifications.js';
import { resetAccountKey } from './password-reset.js';
import type { Later, UnitOfWork } from './ports.js';
import { emailChangeKey } from './profile.js';
import type { SignalStore } from './recommendation-signals.js';
import type { SessionEnding, Sessions } from './sessions.js';
import type { ThrottleStore } from './throttle.js';
import { unlockAccountKey } from './unlock.js';
import type { UserStore } from './user.js';

// Counters that name the person (the per-address ones name no one; the per-recipient mail budget
// keeps only a hash, and must outlive the account: see mail-budget.ts).
const throttleKeysOf = (user: { id: string; email: string }) => [
  resetAccountKey(user.email),
  unlockAccountKey(user.email),
  emailChangeKey(user.id),
  verificationResendKey(user.id),
  avatarUploadKey(user.id),
];

/** Everything personal the account has: the deletion erases it in one transaction. */
export interface PersonalData extends SessionEnding {
  users: UserStore;
  addresses: AddressStore;
  favorites: FavoriteStore;
  emailTokens: EmailTokenStore;
  signals: SignalStore;
  notifications: NotificationStore;
  throttle: ThrottleStore;
}

export interface AccountDeletionDeps {
  users: UserStore;
  db: UnitOfWork<PersonalData>;
  authentication: Authentication;
  sessions: Sessions;
  avatars: AvatarStore;
  later: Later;
}

export class AccountDeletion {
  constructor(private readonly deps: AccountDeletionDeps) {}

  /**
   * Closes the account for good. The row stays (orders refer to its id) but everything
   * personal goes: email, name, password, preferences, avatar, addresses, favorites,
   * sessions, links, attempt counters, recommendation signals, owed mails and the published
   * events that named the person. Anonymous totals (what sells with what) stay.
   * `user.deleted.v1` tells the other services to do the same.
   */
  async delete(userId: string, password: string, ip: string): Promise<void> {
    const { users, db, authentication, sessions, avatars, later } = this.deps;
    const user = await users.findById(userId);
    if (!user || user.status === 'deleted') throw new UserNotFound();
    await authentication.confirmPassword(user, password, ip);
    await db.transaction(async (tx) => {
      await tx.users.lock(user.id);
      await tx.users.anonymise(user.id);
      // Every service refuses their tokens at once; then the sessions go rather than stay ended,
      // since they remember the addresses and browsers used.
      await sessions.endAllOf(tx, user.id, 'account_deleted');
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
      later('avatar removal', () => avatars.removeAll(user.id));
    }
  }
}
