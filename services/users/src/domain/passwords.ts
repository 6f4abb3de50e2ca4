/**
 * Who waits for the hasher. Sign-ins keep a share of it whatever else is going on: registrations,
 * re-authentications and new passwords (`account`) can never take every slot.
 */
export type HashingWork = 'login' | 'account';

/** Hashes and checks passwords (argon2id in production). */
export interface PasswordHasher {
  hash(password: string, work?: HashingWork): Promise<string>;
  /**
   * Checks a password against a stored hash. Without a hash (unknown account) it checks
   * against a dummy one, so an unknown email costs the same time as a wrong password.
   */
  verify(hash: string | null, password: string, work?: HashingWork): Promise<boolean>;
  /** True when the hash was made with weaker parameters than today's. */
  needsRehash(hash: string): boolean;
}
