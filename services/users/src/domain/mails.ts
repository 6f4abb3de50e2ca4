/**
 * What the service says by mail. Links carry the raw single-use token in the fragment (never
 * sent to a server, so never in a request log); only its hash is stored.
 *
 * Whoever registers or changes an email chooses where a mail goes, so a mail must never carry
 * text chosen by someone else: mails to an address not (yet) confirmed carry no user-chosen
 * text at all (no name, no other address), and names cannot look like links (name-policy.ts).
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Who a mail goes to; `name` only when the address is the account's confirmed one. */
export interface Recipient {
  email: string;
  name?: string | undefined;
}

export const recipientOf = (user: { email: string; name: string; emailVerified: boolean }): Recipient => ({
  email: user.email,
  name: user.emailVerified ? user.name : undefined,
});

export const greeting = (to: Recipient) => (to.name ? `Hello ${to.name},\n\n` : 'Hello,\n\n');

/** To an address being confirmed (a new account's, or the new one of an email change). */
export function verifyEmailMail(to: string, link: string): Mail {
  return {
    to,
    subject: 'Confirm your email address',
    text: `Hello,\n\nPlease confirm this email address for your shop account by opening this link:\n\n${link}\n\nIf you did not ask for this, ignore this mail; nothing changes.\n`,
  };
}

export function resetPasswordMail(to: Recipient, link: string, minutes: number): Mail {
  return {
    to: to.email,
    subject: 'Reset your password',
    text: `${greeting(to)}Someone (hopefully you) asked to reset the password of your account.\nChoose a new password here within ${minutes} minutes:\n\n${link}\n\nIf you did not ask for this, ignore this mail; your password stays as it is.\n`,
  };
}

export function unlockMail(to: Recipient, link: string, minutes: number): Mail {
  return {
    to: to.email,
    subject: 'Sign in again after failed attempts',
    text: `${greeting(to)}Someone (hopefully you) asked to clear the failed sign-in attempts on your account.\nOpen this link within ${minutes} minutes, then sign in as usual:\n\n${link}\n\nIf it was not you, someone may be guessing your password: choose a long, unique one.\n`,
  };
}

/** To the old address of an email change; the new address is named only to a confirmed owner. */
export function emailChangeNoticeMail(to: Recipient, newEmail: string): Mail {
  const where = to.name ? ` to ${newEmail}` : '';
  return {
    to: to.email,
    subject: 'Your email address is being changed',
    text: `${greeting(to)}A change of your account's email address${where} was requested. It takes effect once the new address is confirmed.\n\nIf this was not you, change your password now.\n`,
  };
}

export function passwordChangedMail(to: Recipient): Mail {
  return {
    to: to.email,
    subject: 'Your password was changed',
    text: `${greeting(to)}The password of your account was just changed and your other sessions were signed out.\n\nIf this was not you, reset your password now.\n`,
  };
}

/** To the owner of an address someone tried to register again (the answer does not say so). */
export function registrationAttemptMail(to: string, publicUrl: string): Mail {
  return {
    to,
    subject: 'Someone tried to register with your address',
    text: `Hello,\n\nSomeone tried to create a shop account with this email address, which already has one.\nIf it was you, sign in with your password, or choose a new one here:\n\n${publicUrl}/forgot-password\n\nIf it was not you, ignore this mail; nothing changed.\n`,
  };
}

/** To the owner of an address another account asked to move to (the answer does not say so). */
export function emailTakenMail(to: string): Mail {
  return {
    to,
    subject: 'Someone asked to use your address',
    text: `Hello,\n\nAnother shop account asked to change its email address to this one, which belongs to your account. Nothing changes: the address stays yours and the change cannot complete.\n\nIf you did this from another account, that account needs an address of its own.\n`,
  };
}
