import { secondsFrom, type Deps, type Stores } from './deps.js';
import { issueEmailToken } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { deliverUnsolicited } from './mail-budget.js';
import { emailTakenMail, verifyEmailMail } from './mails.js';
import { hashSecret } from './secrets.js';
import { countAttempt } from './throttle.js';
import type { User } from './user.js';

/** A verification link for `email` (the account's address, or the new one it is changing to). */
export const sendVerification = {
  async issue(tx: Stores, user: User, email: string, expiresAt: Date): Promise<string> {
    await tx.emailTokens.discardUnused(user.id, 'verify_email');
    return issueEmailToken(tx.emailTokens, { userId: user.id, purpose: 'verify_email', email, expiresAt });
  },
  /** The token is in the fragment, which browsers never send: no server logs it. */
  async mail(deps: Deps, email: string, token: string): Promise<void> {
    const link = `${deps.settings.publicUrl}/verify-email#token=${encodeURIComponent(token)}`;
    await deliverUnsolicited(deps, verifyEmailMail(email, link));
  },
};

/**
 * Follows a verification link: confirms the account's address, or completes a change
 * to the pending new address. A link for an address the account no longer has is dead.
 */
export async function verifyEmail(deps: Deps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const used = await tx.emailTokens.use(hashSecret(token), 'verify_email', deps.clock());
    if (!used) throw new InvalidEmailToken();
    const user = await tx.users.lock(used.userId);
    if (!user || user.status !== 'active') throw new InvalidEmailToken();
    if (user.email === used.email) {
      await tx.users.update(user.id, { emailVerified: true });
    } else if (user.pendingEmail === used.email) {
      // EmailTaken here (someone registered it meanwhile) rolls back, leaving the link unused.
      await tx.users.update(user.id, { email: used.email, emailVerified: true, pendingEmail: null });
    } else {
      throw new InvalidEmailToken();
    }
  });
}

export const verificationResendKey = (userId: string) => `verify-mail:user:${userId}`;

/**
 * Sends a fresh link for whatever address still needs confirming; nothing when none does. A
 * pending address that belongs to another account gets that account's owner told instead,
 * exactly as when the change was asked for: it never gets a link.
 */
export async function resendVerification(deps: Deps, user: User): Promise<void> {
  const email = user.pendingEmail ?? (user.emailVerified ? undefined : user.email);
  if (!email) return;
  await countAttempt(deps.db.throttle, [
    { key: verificationResendKey(user.id), max: 5, windowSeconds: 3600 },
  ]);
  const owner = email === user.email ? undefined : await deps.db.users.findByEmail(email);
  if (owner && owner.id !== user.id) {
    if (owner.status === 'active')
      deps.later('email taken notice', () => deliverUnsolicited(deps, emailTakenMail(email)));
    return;
  }
  const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
  const token = await deps.db.transaction((tx) => sendVerification.issue(tx, user, email, expiresAt));
  deps.later('verification mail', () => sendVerification.mail(deps, email, token));
}
