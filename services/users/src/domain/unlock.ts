import { clientKey } from '@shop/platform/domain';
import { clearSignInFailures } from './authentication.js';
import { issueEmailToken, type EmailTokenStore } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { recipientOf, unlockMail, type Mailer } from './mails.js';
import { secondsFrom, type Clock, type Later, type UnitOfWork } from './ports.js';
import { hashSecret } from './secrets.js';
import { countAttempt, withinLimit, type ThrottleStore } from './throttle.js';
import { normaliseEmail, type UserStore } from './user.js';

const MAILS_PER_ACCOUNT_PER_HOUR = 3;
const REQUESTS_PER_ADDRESS_PER_HOUR = 30;

export const unlockAccountKey = (email: string) => `unlock:account:${email}`;

export interface UnlockDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<{ users: UserStore; emailTokens: EmailTokenStore; throttle: ThrottleStore }>;
  mailer: Mailer;
  later: Later;
  clock: Clock;
  publicUrl: string;
  ttlSeconds: number;
}

/**
 * The owner's way in when failed sign-ins (someone else's, or their own) hold the account back:
 * a mailed one-time link that clears them.
 */
export class Unlock {
  constructor(private readonly deps: UnlockDeps) {}

  /**
   * Like "forgot password", the answer never depends on whether the account exists, the link is
   * made and mailed after the answer, per-account mails are capped silently and per client
   * address requests are refused with 429.
   */
  async request(input: { email: string }, ip: string): Promise<void> {
    const { users, throttle, db, mailer, later, clock, publicUrl, ttlSeconds } = this.deps;
    const email = normaliseEmail(input.email);
    await countAttempt(throttle, [
      { key: `unlock:ip:${clientKey(ip)}`, max: REQUESTS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
    ]);
    const allowed = await withinLimit(throttle, {
      key: unlockAccountKey(email),
      max: MAILS_PER_ACCOUNT_PER_HOUR,
      windowSeconds: 3600,
    });
    const user = await users.findByEmail(email);
    if (!allowed || !user || user.status !== 'active') return;
    later('unlock mail', async () => {
      const token = await db.transaction(async (tx) => {
        await tx.emailTokens.discardUnused(user.id, 'unlock');
        return issueEmailToken(tx.emailTokens, {
          userId: user.id,
          purpose: 'unlock',
          email: user.email,
          expiresAt: secondsFrom(clock(), ttlSeconds),
        });
      });
      // In the fragment: browsers never send it, so no server logs the token.
      const link = `${publicUrl}/unlock#token=${encodeURIComponent(token)}`;
      await mailer.send(unlockMail(recipientOf(user), link, Math.round(ttlSeconds / 60)));
    });
  }

  /** Follows an unlock link: the account's failed sign-ins from every address are forgotten. */
  async confirm(token: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const used = await tx.emailTokens.use(hashSecret(token), 'unlock', this.deps.clock());
      if (!used) throw new InvalidEmailToken();
      const user = await tx.users.lock(used.userId);
      if (!user || user.status !== 'active' || user.email !== used.email) throw new InvalidEmailToken();
      await clearSignInFailures(tx.throttle, user.email);
      await tx.emailTokens.discardUnused(user.id, 'unlock');
    });
  }
}
