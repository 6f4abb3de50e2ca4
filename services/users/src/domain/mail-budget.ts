import { deliver, type Deps } from './deps.js';
import type { Mail } from './mails.js';
import { hashSecret } from './secrets.js';
import { withinLimit } from './throttle.js';

/** Mails a day to one address that did not ask for them as its account's confirmed address. */
export const UNSOLICITED_MAILS_PER_ADDRESS_PER_DAY = 5;

/**
 * Keyed by a hash of the address: the count must outlive the deletion of an account with that
 * address (or deleting and registering again would reset it), and must not keep the address.
 */
export const unsolicitedMailKey = (email: string) => `mail:to:${hashSecret(email).toString('base64url')}`;

/**
 * Sends a mail that someone else's request aimed at this address (a verification link for an
 * address being registered or moved to, a notice that the address is taken), at most
 * UNSOLICITED_MAILS_PER_ADDRESS_PER_DAY a day, whoever asks and whether or not an account has
 * the address. Over that it is dropped silently: the answer to the request is the same either
 * way, so the cap tells nothing about the address.
 */
export async function deliverUnsolicited(
  deps: Pick<Deps, 'db' | 'mailer' | 'log'>,
  mail: Mail,
): Promise<void> {
  const allowed = await withinLimit(deps.db.throttle, {
    key: unsolicitedMailKey(mail.to),
    max: UNSOLICITED_MAILS_PER_ADDRESS_PER_DAY,
    windowSeconds: 86_400,
  });
  if (allowed) await deliver(deps, mail);
}
