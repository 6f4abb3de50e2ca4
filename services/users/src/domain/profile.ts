import { BadRequest } from '@shop/platform';
import { confirmPassword } from './authentication.js';
import { deliver, secondsFrom, type Deps } from './deps.js';
import { sendVerification } from './email-verification.js';
import { EmailTaken, UserNotFound } from './errors.js';
import { emailChangeNoticeMail, passwordChangedMail } from './mails.js';
import { assertStrongPassword } from './password-policy.js';
import { normaliseEmail, normaliseName, type Preferences, type User } from './user.js';

export async function getProfile(deps: Deps, userId: string): Promise<User> {
  const user = await deps.db.users.findById(userId);
  if (!user || user.status !== 'active') throw new UserNotFound();
  return user;
}

export interface ProfileChanges {
  name?: string;
  email?: string;
  /** Required with a new email: a stolen access token alone must not redirect the account's mail. */
  currentPassword?: string;
  preferences?: Preferences;
}

/**
 * Name and preferences change at once. A new email becomes pending: the account keeps
 * its address until the link sent to the new one is followed, and the old address is told.
 */
export async function updateProfile(
  deps: Deps,
  userId: string,
  changes: ProfileChanges,
  ip: string,
): Promise<User> {
  const user = await getProfile(deps, userId);
  const newEmail = changes.email === undefined ? undefined : normaliseEmail(changes.email);
  const emailChanges = newEmail !== undefined && newEmail !== user.email && newEmail !== user.pendingEmail;
  if (emailChanges) {
    if (changes.currentPassword === undefined) {
      throw new BadRequest({
        detail: 'Changing the email needs your current password.',
        fields: [{ field: 'body.currentPassword', message: 'is required to change the email' }],
      });
    }
    await confirmPassword(deps, user, changes.currentPassword, ip);
    const owner = await deps.db.users.findByEmail(newEmail);
    if (owner && owner.id !== user.id) throw new EmailTaken();
  }
  const { updated, token } = await deps.db.transaction(async (tx) => {
    let updated = user;
    if (changes.name !== undefined)
      updated = await tx.users.update(user.id, { name: normaliseName(changes.name) });
    if (changes.preferences) updated = await tx.users.mergePreferences(user.id, changes.preferences);
    if (newEmail === user.email && user.pendingEmail) {
      // Back to the current address: the pending change is cancelled.
      updated = await tx.users.update(user.id, { pendingEmail: null });
      await tx.emailTokens.discardUnused(user.id, 'verify_email');
    }
    if (!emailChanges) return { updated, token: undefined };
    updated = await tx.users.update(user.id, { pendingEmail: newEmail });
    const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
    return { updated, token: await sendVerification.issue(tx, updated, newEmail, expiresAt) };
  });
  if (token && newEmail) {
    await sendVerification.mail(deps, updated, newEmail, token);
    await deliver(deps, emailChangeNoticeMail(user.email, user.name, newEmail));
  }
  return updated;
}

/** A new password ends every other session of the account; the one in use stays signed in. */
export async function changePassword(
  deps: Deps,
  principal: { userId: string; sessionId: string | undefined },
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const user = await getProfile(deps, principal.userId);
  await confirmPassword(deps, user, input.currentPassword, ip);
  assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const passwordHash = await deps.passwords.hash(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { passwordHash });
    await tx.sessions.revokeAllOf(user.id, 'password_changed', principal.sessionId);
    await tx.emailTokens.discardUnused(user.id, 'reset_password');
  });
  await deliver(deps, passwordChangedMail(user.email, user.name));
}
