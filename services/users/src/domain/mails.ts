/** What the service says by mail. Links carry the raw single-use token; only its hash is stored. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export function verifyEmailMail(to: string, name: string, link: string): Mail {
  return {
    to,
    subject: 'Confirm your email address',
    text: `Hello ${name},\n\nPlease confirm your email address by opening this link:\n\n${link}\n\nIf you did not ask for this, ignore this mail.\n`,
  };
}

export function resetPasswordMail(to: string, name: string, link: string, minutes: number): Mail {
  return {
    to,
    subject: 'Reset your password',
    text: `Hello ${name},\n\nSomeone (hopefully you) asked to reset the password of your account.\nChoose a new password here within ${minutes} minutes:\n\n${link}\n\nIf you did not ask for this, ignore this mail; your password stays as it is.\n`,
  };
}

export function emailChangeNoticeMail(to: string, name: string, newEmail: string): Mail {
  return {
    to,
    subject: 'Your email address is being changed',
    text: `Hello ${name},\n\nA change of your account's email address to ${newEmail} was requested. It takes effect once the new address is confirmed.\n\nIf this was not you, change your password now.\n`,
  };
}

export function passwordChangedMail(to: string, name: string): Mail {
  return {
    to,
    subject: 'Your password was changed',
    text: `Hello ${name},\n\nThe password of your account was just changed and your other sessions were signed out.\n\nIf this was not you, reset your password now.\n`,
  };
}
