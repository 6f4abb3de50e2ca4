import { secondsFrom, deliver, type Deps, type Stores } from './deps.js';
import { issueEmailToken } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { verifyEmailMail } from './mails.js';
import { hashSecret } from './secrets.js';
import { countAttempt } from './throttle.js';
import type { User } from './user.js';

/** A verification link for `email` (the account's address, or the new one it is changing to). */
export const sendVerification = {
  async issue(tx: Stores, user: User, email: string, expiresAt: Date): Promise<string> {
    await tx.emailTokens.discardUnused(user.id, 'verify_email');
    return issueEmailToken(tx.emailTokens, { userId: user.id, purpose: 'verify_email', email, expiresAt });
  },
  async mail(deps: Deps, user: User, email: string, token: string): Promise<void> {
    const link = `${deps.settings.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await deliver(deps, verifyEmailMail(email, user.name, link));
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

/** Sends a fresh link for whatever address still needs confirming; nothing when none does. */
export async function resendVerification(deps: Deps, user: User): Promise<void> {
  const email = user.pendingEmail ?? (user.emailVerified ? undefined : user.email);
  if (!email) return;
  await countAttempt(deps.db.throttle, [{ key: `verify-mail:user:${user.id}`, max: 5, windowSeconds: 3600 }]);
  const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
  const token = await deps.db.transaction((tx) => sendVerification.issue(tx, user, email, expiresAt));
  await sendVerification.mail(deps, user, email, token);
}
