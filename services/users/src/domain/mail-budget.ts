import type { Mail, Mailer } from './mails.js';
import type { DomainLog } from './ports.js';
import { hashSecret } from './secrets.js';
import { withinLimit, type ThrottleStore } from './throttle.js';

/** Mails a day to one address that did not ask for them as its account's confirmed address. */
export const UNSOLICITED_MAILS_PER_ADDRESS_PER_DAY = 5;

/** Where a use case's mails go, and where a failure to send one is told. */
export interface MailOut {
  mailer: Mailer;
  log: DomainLog;
}

/** Sends a mail without letting a mail failure undo what already happened; it is logged. */
export async function deliver(out: MailOut, mail: Mail): Promise<void> {
  try {
    await out.mailer.send(mail);
  } catch (error) {
    out.log.warn({ err: error, subject: mail.subject }, 'a mail could not be sent');
  }
}

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
  out: MailOut & { throttle: ThrottleStore },
  mail: Mail,
): Promise<void> {
  const allowed = await withinLimit(out.throttle, {
    key: unsolicitedMailKey(mail.to),
    max: UNSOLICITED_MAILS_PER_ADDRESS_PER_DAY,
    windowSeconds: 86_400,
  });
  if (allowed) await deliver(out, mail);
}
