import { BadRequest } from '@shop/platform';
import { confirmPassword } from './authentication.js';
import { deliver, secondsFrom, type Deps } from './deps.js';
import { sendVerification } from './email-verification.js';
import { TooManyEmailChanges, UserNotFound } from './errors.js';
import { deliverUnsolicited } from './mail-budget.js';
import { emailChangeNoticeMail, emailTakenMail, passwordChangedMail, recipientOf } from './mails.js';
import { assertPlainName } from './name-policy.js';
import { assertStrongPassword } from './password-policy.js';
import { endSessionsOf } from './sessions.js';
import { normaliseEmail, normaliseName, type Preferences, type User } from './user.js';

/** Email changes an account may ask for in an hour (each mails two addresses). */
export const EMAIL_CHANGES_PER_HOUR = 3;

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
 * Name and preferences change at once. A new email becomes pending: the account keeps its
 * address until the link sent to the new one is followed, and the old address is told. An
 * address that belongs to another account is answered exactly like a free one (pending), but
 * its owner is told instead of being sent a link, so the change can never complete and the
 * answer does not tell that the address has an account. Mails go out after the answer.
 */
export async function updateProfile(
  deps: Deps,
  userId: string,
  changes: ProfileChanges,
  ip: string,
): Promise<User> {
  const user = await getProfile(deps, userId);
  const name = changes.name === undefined ? undefined : normaliseName(changes.name);
  if (name !== undefined) assertPlainName(name);
  const newEmail = changes.email === undefined ? undefined : normaliseEmail(changes.email);
  const emailChanges = newEmail !== undefined && newEmail !== user.email && newEmail !== user.pendingEmail;
  let taken = false;
  if (emailChanges) {
    if (changes.currentPassword === undefined) {
      throw new BadRequest({
        detail: 'Changing the email needs your current password.',
        fields: [{ field: 'body.currentPassword', message: 'is required to change the email' }],
      });
    }
    await countEmailChange(deps, user.id);
    await confirmPassword(deps, user, changes.currentPassword, ip);
    const owner = await deps.db.users.findByEmail(newEmail);
    taken = owner !== undefined && owner.id !== user.id;
  }
  const { updated, token } = await deps.db.transaction(async (tx) => {
    let updated = user;
    if (name !== undefined) updated = await tx.users.update(user.id, { name });
    if (changes.preferences) updated = await tx.users.mergePreferences(user.id, changes.preferences);
    if (newEmail === user.email && user.pendingEmail) {
      // Back to the current address: the pending change is cancelled.
      updated = await tx.users.update(user.id, { pendingEmail: null });
      await tx.emailTokens.discardUnused(user.id, 'verify_email');
    }
    if (!emailChanges) return { updated, token: undefined };
    updated = await tx.users.update(user.id, { pendingEmail: newEmail });
    if (taken) {
      await tx.emailTokens.discardUnused(user.id, 'verify_email');
      return { updated, token: undefined };
    }
    const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
    return { updated, token: await sendVerification.issue(tx, updated, newEmail, expiresAt) };
  });
  if (emailChanges) {
    const to = newEmail;
    deps.later('email change mails', async () => {
      if (token) await sendVerification.mail(deps, to, token);
      else await deliverUnsolicited(deps, emailTakenMail(to));
      await deliver(deps, emailChangeNoticeMail(recipientOf(user), to));
    });
  }
  return updated;
}

export const emailChangeKey = (userId: string) => `email-change:user:${userId}`;

/** At most EMAIL_CHANGES_PER_HOUR a hour per account: 429, which says nothing about any address. */
async function countEmailChange(deps: Deps, userId: string): Promise<void> {
  const { hits, resetsInSeconds } = await deps.db.throttle.hit(emailChangeKey(userId), 3600);
  if (hits > EMAIL_CHANGES_PER_HOUR) {
    throw new TooManyEmailChanges({
      detail: `At most ${EMAIL_CHANGES_PER_HOUR} email changes an hour; try again in ${Math.ceil(resetsInSeconds)} seconds.`,
      retryAfterSeconds: resetsInSeconds,
    });
  }
}

/**
 * A new password ends every other session of the account; the one in use stays signed in. The
 * attempt is counted first and a weak new password refused before any argon2 work.
 */
export async function changePassword(
  deps: Deps,
  principal: { userId: string; sessionId: string | undefined },
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const user = await getProfile(deps, principal.userId);
  await confirmPassword(deps, user, input.currentPassword, ip, () =>
    assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword'),
  );
  const passwordHash = await deps.passwords.hash(input.newPassword, 'account');
  await deps.db.transaction(async (tx) => {
    await tx.users.update(user.id, { passwordHash });
    await endSessionsOf(deps, tx, user.id, 'password_changed', principal.sessionId);
    await tx.emailTokens.discardUnused(user.id, 'reset_password');
  });
  await deliver(deps, passwordChangedMail(recipientOf(user)));
}
