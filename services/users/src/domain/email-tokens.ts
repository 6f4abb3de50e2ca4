import { hashSecret, newSecret } from './secrets.js';

export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'unlock';

export interface EmailTokenStore {
  insert(token: {
    hash: Buffer;
    userId: string;
    purpose: EmailTokenPurpose;
    email: string;
    expiresAt: Date;
  }): Promise<void>;
  /** Marks the token used when it is unused and unexpired at `now`; answers whom it was for. */
  use(
    hash: Buffer,
    purpose: EmailTokenPurpose,
    now: Date,
  ): Promise<{ userId: string; email: string } | undefined>;
  /** Older links stop working (a new one was sent, or the password changed). */
  discardUnused(userId: string, purpose: EmailTokenPurpose): Promise<void>;
  /** Every link of the account, used or not (they name the addresses they were sent to). */
  deleteAllOf(userId: string): Promise<void>;
}

/** Creates a single-use link token for `email` and answers the raw token to put in the mail. */
export async function issueEmailToken(
  store: EmailTokenStore,
  input: { userId: string; purpose: EmailTokenPurpose; email: string; expiresAt: Date },
): Promise<string> {
  const token = newSecret();
  await store.insert({ hash: hashSecret(token), ...input });
  return token;
}
