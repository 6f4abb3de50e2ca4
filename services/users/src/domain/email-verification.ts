import { issueEmailToken, type EmailTokenStore } from './email-tokens.js';
import { InvalidEmailToken, UserNotFound } from './errors.js';
import { deliverUnsolicited } from './mail-budget.js';
import { emailTakenMail, verifyEmailMail, type Mailer } from './mails.js';
import { secondsFrom, type Clock, type DomainLog, type Later, type UnitOfWork } from './ports.js';
import { hashSecret } from './secrets.js';
import { countAttempt, type ThrottleStore } from './throttle.js';
import type { User, UserStore } from './user.js';

export const verificationResendKey = (userId: string) => `verify-mail:user:${userId}`;

export interface EmailVerificationDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<{ users: UserStore; emailTokens: EmailTokenStore }>;
  mailer: Mailer;
  log: DomainLog;
  later: Later;
  clock: Clock;
  publicUrl: string;
  ttlSeconds: number;
}

/** Proving that an address is the account's: mailed single-use links, followed or sent again. */
export class EmailVerification {
  constructor(private readonly deps: EmailVerificationDeps) {}

  /**
   * A verification link for `email` (the account's address, or the new one it is changing to),
   * made in the caller's transaction; older links stop working. Answers the raw token to mail.
   */
  async issueLink(tx: { emailTokens: EmailTokenStore }, user: User, email: string): Promise<string> {
    const expiresAt = secondsFrom(this.deps.clock(), this.deps.ttlSeconds);
    await tx.emailTokens.discardUnused(user.id, 'verify_email');
    return issueEmailToken(tx.emailTokens, { userId: user.id, purpose: 'verify_email', email, expiresAt });
  }

  /** The token is in the fragment, which browsers never send: no server logs it. */
  async mailLink(email: string, token: string): Promise<void> {
    const link = `${this.deps.publicUrl}/verify-email#token=${encodeURIComponent(token)}`;
    await deliverUnsolicited(this.deps, verifyEmailMail(email, link));
  }

  /**
   * Follows a verification link: confirms the account's address, or completes a change
   * to the pending new address. A link for an address the account no longer has is dead.
   */
  async verify(token: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const used = await tx.emailTokens.use(hashSecret(token), 'verify_email', this.deps.clock());
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

  /**
   * Sends the signed-in account a fresh link for whatever address still needs confirming;
   * nothing when none does. A pending address that belongs to another account gets that
   * account's owner told instead, exactly as when the change was asked for: it never gets a link.
   */
  async resend(userId: string): Promise<void> {
    const { users, throttle, db, later } = this.deps;
    const user = await users.findById(userId);
    if (!user || user.status !== 'active') throw new UserNotFound();
    const email = user.pendingEmail ?? (user.emailVerified ? undefined : user.email);
    if (!email) return;
    await countAttempt(throttle, [{ key: verificationResendKey(user.id), max: 5, windowSeconds: 3600 }]);
    const owner = email === user.email ? undefined : await users.findByEmail(email);
    if (owner && owner.id !== user.id) {
      if (owner.status === 'active')
        later('email taken notice', () => deliverUnsolicited(this.deps, emailTakenMail(email)));
      return;
    }
    const token = await db.transaction((tx) => this.issueLink(tx, user, email));
    later('verification mail', () => this.mailLink(email, token));
  }
}
