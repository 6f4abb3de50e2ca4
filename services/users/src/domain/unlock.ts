import { clientKey } from '@shop/platform';
import { clearSignInFailures } from './authentication.js';
import { secondsFrom, type Deps } from './deps.js';
import { issueEmailToken } from './email-tokens.js';
import { InvalidEmailToken } from './errors.js';
import { recipientOf, unlockMail } from './mails.js';
import { hashSecret } from './secrets.js';
import { countAttempt, withinLimit } from './throttle.js';
import { normaliseEmail } from './user.js';

const MAILS_PER_ACCOUNT_PER_HOUR = 3;
const REQUESTS_PER_ADDRESS_PER_HOUR = 30;

export const unlockAccountKey = (email: string) => `unlock:account:${email}`;

/**
 * The owner's way in when failed sign-ins (someone else's, or their own) hold the account back:
 * a mailed one-time link that clears them. Like "forgot password", the answer never depends on
 * whether the account exists, the link is made and mailed after the answer, per-account mails
 * are capped silently and per client address requests are refused with 429.
 */
export async function requestUnlock(deps: Deps, input: { email: string }, ip: string): Promise<void> {
  const email = normaliseEmail(input.email);
  await countAttempt(deps.db.throttle, [
    { key: `unlock:ip:${clientKey(ip)}`, max: REQUESTS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
  ]);
  const allowed = await withinLimit(deps.db.throttle, {
    key: unlockAccountKey(email),
    max: MAILS_PER_ACCOUNT_PER_HOUR,
    windowSeconds: 3600,
  });
  const user = await deps.db.users.findByEmail(email);
  if (!allowed || !user || user.status !== 'active') return;
  deps.later('unlock mail', async () => {
    const ttl = deps.settings.unlockTtlSeconds;
    const token = await deps.db.transaction(async (tx) => {
      await tx.emailTokens.discardUnused(user.id, 'unlock');
      return issueEmailToken(tx.emailTokens, {
        userId: user.id,
        purpose: 'unlock',
        email: user.email,
        expiresAt: secondsFrom(deps.clock(), ttl),
      });
    });
    // In the fragment: browsers never send it, so no server logs the token.
    const link = `${deps.settings.publicUrl}/unlock#token=${encodeURIComponent(token)}`;
    await deps.mailer.send(unlockMail(recipientOf(user), link, Math.round(ttl / 60)));
  });
}

/** Follows an unlock link: the account's failed sign-ins from every address are forgotten. */
export async function confirmUnlock(deps: Deps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const used = await tx.emailTokens.use(hashSecret(token), 'unlock', deps.clock());
    if (!used) throw new InvalidEmailToken();
    const user = await tx.users.lock(used.userId);
    if (!user || user.status !== 'active' || user.email !== used.email) throw new InvalidEmailToken();
    await clearSignInFailures(tx.throttle, user.email);
    await tx.emailTokens.discardUnused(user.id, 'unlock');
  });
}
