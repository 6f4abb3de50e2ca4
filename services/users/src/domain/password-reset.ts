import { clientKey } from '@shop/platform/domain';
import { clearSignInFailures } from './authentication.js';
import { issueEmailToken, type EmailTokenStore } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { deliver } from './mail-budget.js';
import { passwordChangedMail, recipientOf, resetPasswordMail, type Mailer } from './mails.js';
import { assertStrongPassword } from './password-policy.js';
import type { PasswordHasher } from './passwords.js';
import { secondsFrom, type Clock, type DomainLog, type Later, type UnitOfWork } from './ports.js';
import { hashSecret } from './secrets.js';
import type { SessionEnding, Sessions } from './sessions.js';
import { countAttempt, withinLimit, type ThrottleStore } from './throttle.js';
import { normaliseEmail, type UserStore } from './user.js';

const MAILS_PER_ACCOUNT_PER_HOUR = 3;
const REQUESTS_PER_ADDRESS_PER_HOUR = 30;

export const resetAccountKey = (email: string) => `reset:account:${email}`;

export interface PasswordResetDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<SessionEnding & { users: UserStore; emailTokens: EmailTokenStore; throttle: ThrottleStore }>;
  passwords: PasswordHasher;
  sessions: Sessions;
  mailer: Mailer;
  log: DomainLog;
  later: Later;
  clock: Clock;
  publicUrl: string;
  ttlSeconds: number;
}

/** "Forgot password": a mailed single-use link that sets a new password. */
export class PasswordReset {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * The answer never depends on whether the account exists: the same work is done before
   * answering either way, and the link is created and mailed after the answer. Per-account
   * mails are capped silently (no mail bombing); per client address requests are refused with
   * 429 (which says nothing about any account).
   */
  async request(input: { email: string }, ip: string): Promise<void> {
    const { users, throttle, db, mailer, later, clock, publicUrl, ttlSeconds } = this.deps;
    const email = normaliseEmail(input.email);
    await countAttempt(throttle, [
      { key: `reset:ip:${clientKey(ip)}`, max: REQUESTS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
    ]);
    const allowed = await withinLimit(throttle, {
      key: resetAccountKey(email),
      max: MAILS_PER_ACCOUNT_PER_HOUR,
      windowSeconds: 3600,
    });
    const user = await users.findByEmail(email);
    if (!allowed || !user || user.status !== 'active') return;
    later('password reset mail', async () => {
      const token = await db.transaction(async (tx) => {
        await tx.emailTokens.discardUnused(user.id, 'reset_password');
        return issueEmailToken(tx.emailTokens, {
          userId: user.id,
          purpose: 'reset_password',
          email: user.email,
          expiresAt: secondsFrom(clock(), ttlSeconds),
        });
      });
      // In the fragment: browsers never send it, so no server logs the token.
      const link = `${publicUrl}/reset-password#token=${encodeURIComponent(token)}`;
      await mailer.send(resetPasswordMail(recipientOf(user), link, Math.round(ttlSeconds / 60)));
    });
  }

  /**
   * Follows a reset link with a new password. Every session of the account ends (whoever
   * knew the old password is out), and the mailbox is proven, so the address counts as verified.
   */
  async reset(input: { token: string; password: string }): Promise<void> {
    const { db, passwords, sessions, clock } = this.deps;
    const user = await db.transaction(async (tx) => {
      const used = await tx.emailTokens.use(hashSecret(input.token), 'reset_password', clock());
      if (!used) throw new InvalidEmailToken();
      const user = await tx.users.lock(used.userId);
      if (!user || user.status !== 'active' || user.email !== used.email) throw new InvalidEmailToken();
      // A weak password throws here and rolls back, so the link still works for a better one.
      assertStrongPassword(input.password, { email: user.email, name: user.name });
      const passwordHash = await passwords.hash(input.password, 'account');
      await tx.users.update(user.id, { passwordHash, emailVerified: true });
      await sessions.endAllOf(tx, user.id, 'password_reset');
      await tx.emailTokens.discardUnused(user.id, 'reset_password');
      // The owner proved the mailbox: failed sign-ins from anywhere no longer hold the account back.
      await clearSignInFailures(tx.throttle, user.email);
      return user;
    });
    // The link proved the mailbox: it is confirmed now.
    await deliver(this.deps, passwordChangedMail(recipientOf({ ...user, emailVerified: true })));
  }
}
