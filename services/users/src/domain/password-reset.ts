import { clientKey } from '@shop/platform';
import { clearSignInFailures } from './authentication.js';
import { deliver, secondsFrom, type Deps } from './deps.js';
import { issueEmailToken } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { passwordChangedMail, recipientOf, resetPasswordMail } from './mails.js';
import { assertStrongPassword } from './password-policy.js';
import { hashSecret } from './secrets.js';
import { endSessionsOf } from './sessions.js';
import { countAttempt, withinLimit } from './throttle.js';
import { normaliseEmail } from './user.js';

const MAILS_PER_ACCOUNT_PER_HOUR = 3;
const REQUESTS_PER_ADDRESS_PER_HOUR = 30;

export const resetAccountKey = (email: string) => `reset:account:${email}`;

/**
 * "Forgot password". The answer never depends on whether the account exists: the same
 * work is done before answering either way, and the link is created and mailed after
 * the answer. Per-account mails are capped silently (no mail bombing); per client
 * address requests are refused with 429 (which says nothing about any account).
 */
export async function requestPasswordReset(deps: Deps, input: { email: string }, ip: string): Promise<void> {
  const email = normaliseEmail(input.email);
  await countAttempt(deps.db.throttle, [
    { key: `reset:ip:${clientKey(ip)}`, max: REQUESTS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
  ]);
  const allowed = await withinLimit(deps.db.throttle, {
    key: resetAccountKey(email),
    max: MAILS_PER_ACCOUNT_PER_HOUR,
    windowSeconds: 3600,
  });
  const user = await deps.db.users.findByEmail(email);
  if (!allowed || !user || user.status !== 'active') return;
  deps.later('password reset mail', async () => {
    const ttl = deps.settings.passwordResetTtlSeconds;
    const token = await deps.db.transaction(async (tx) => {
      await tx.emailTokens.discardUnused(user.id, 'reset_password');
      return issueEmailToken(tx.emailTokens, {
        userId: user.id,
        purpose: 'reset_password',
        email: user.email,
        expiresAt: secondsFrom(deps.clock(), ttl),
      });
    });
    // In the fragment: browsers never send it, so no server logs the token.
    const link = `${deps.settings.publicUrl}/reset-password#token=${encodeURIComponent(token)}`;
    await deps.mailer.send(resetPasswordMail(recipientOf(user), link, Math.round(ttl / 60)));
  });
}

/**
 * Follows a reset link with a new password. Every session of the account ends (whoever
 * knew the old password is out), and the mailbox is proven, so the address counts as verified.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const user = await deps.db.transaction(async (tx) => {
    const used = await tx.emailTokens.use(hashSecret(input.token), 'reset_password', deps.clock());
    if (!used) throw new InvalidEmailToken();
    const user = await tx.users.lock(used.userId);
    if (!user || user.status !== 'active' || user.email !== used.email) throw new InvalidEmailToken();
    // A weak password throws here and rolls back, so the link still works for a better one.
    assertStrongPassword(input.password, { email: user.email, name: user.name });
    const passwordHash = await deps.passwords.hash(input.password, 'account');
    await tx.users.update(user.id, { passwordHash, emailVerified: true });
    await endSessionsOf(deps, tx, user.id, 'password_reset');
    await tx.emailTokens.discardUnused(user.id, 'reset_password');
    // The owner proved the mailbox: failed sign-ins from anywhere no longer hold the account back.
    await clearSignInFailures(tx.throttle, user.email);
    return user;
  });
  // The link proved the mailbox: it is confirmed now.
  await deliver(deps, passwordChangedMail(recipientOf({ ...user, emailVerified: true })));
}
