import { clientKey } from '@shop/platform/domain';
import { AccountDisabled, InvalidCredentials, WrongPassword } from './errors.js';
import type { PasswordHasher } from './passwords.js';
import type { ClientInfo, Sessions, SessionStore, TokenPair } from './sessions.js';
import { countAttempt, type Limit, type ThrottleStore } from './throttle.js';
import { normaliseEmail, type User, type UserStore } from './user.js';

const UNLOCK_HINT =
  'If this is your account, an unlock link can be mailed to you (POST /api/v1/auth/unlock).';

/** The budgets of password attempts, from configuration (see signInLimits). */
export interface SignInPolicy {
  windowSeconds: number;
  /** From one client address on one account. */
  maxFailuresPerAccount: number;
  /** From one client address across accounts. */
  maxFailuresPerIp: number;
  /** On one account from every address, before attempts are spaced out. */
  accountFreeFailures: number;
  accountMaxDelaySeconds: number;
  /** An address where the account signed in within this many days skips the account-wide delay. */
  knownAddressDays: number;
}

export interface AuthenticationDeps {
  users: UserStore;
  throttle: ThrottleStore;
  /** Where the account signed in lately (the known-address rule). */
  sessionHistory: Pick<SessionStore, 'signedInLatelyFrom'>;
  passwords: PasswordHasher;
  sessions: Sessions;
  policy: SignInPolicy;
}

/** Passwords checked against the sign-in budgets: signing in, and re-authenticating before a change. */
export class Authentication {
  constructor(private readonly deps: AuthenticationDeps) {}

  /**
   * Signs in with email and password. Unknown email and wrong password give the same
   * error after the same work (one throttle count, one lookup, one argon2 verification),
   * so neither the answer nor its timing tells whether an account exists. Attempts are
   * counted before the password is checked (see signInLimits).
   */
  async login(input: { email: string; password: string }, client: ClientInfo): Promise<TokenPair> {
    const { users, throttle, passwords, sessions } = this.deps;
    const email = normaliseEmail(input.email);
    const limits = await this.signInLimits(email, client.ip);
    await countAttempt(throttle, limits, UNLOCK_HINT);
    const { user, matches } = await givenBackIfUnanswered(throttle, limits, async () => {
      const found = await users.findByEmail(email);
      return {
        user: found,
        matches: await passwords.verify(found?.passwordHash ?? null, input.password, 'login'),
      };
    });
    if (!user || !matches || user.status === 'deleted') throw new InvalidCredentials();
    // The right password: this attempt is given back, and this address starts afresh on the
    // account. Failures from elsewhere stay counted (a distributed guesser gains nothing).
    const [address, accountFromAddress, account] = limits;
    await throttle.release(address!.key);
    await throttle.clear(accountFromAddress!.key);
    if (account) await throttle.release(account.key); // not counted from a known address
    if (user.status === 'disabled') throw new AccountDisabled();
    await this.upgradeHash(user, input.password);
    return sessions.start(user, client);
  }

  /**
   * Re-authentication before a sensitive change (email, password, deletion): a stolen
   * access token alone cannot take the account over. Every attempt counts on the budgets
   * of logins, right or wrong (a right one clears nothing), so a token cannot be used to
   * guess the password or to make the hasher work without end. `checkFirst` runs after the
   * count and before the hashing: the cheap refusals (a weak new password) cost no argon2.
   */
  async confirmPassword(
    user: User,
    password: string,
    ip: string,
    checkFirst: () => void = () => undefined,
  ): Promise<void> {
    const { throttle, passwords } = this.deps;
    const limits = await this.signInLimits(user.email, ip);
    await countAttempt(throttle, limits);
    checkFirst();
    const matches = await givenBackIfUnanswered(throttle, limits, () =>
      passwords.verify(user.passwordHash, password, 'account'),
    );
    if (!matches) throw new WrongPassword();
  }

  /**
   * The budgets a password attempt counts on, in order, all in LOGIN_WINDOW_SECONDS and keyed by
   * the client as the gateway counts it (an IPv4 address, or an IPv6 /64):
   * - the address across accounts (spraying), refused until the window ends;
   * - the account from that address (guessing one password), refused until the window ends, so
   *   an attacker's failures lock out the attacker's address, never the owner's;
   * - the account from every address (distributed guessing): past the free attempts, attempts
   *   are spaced out by a doubling delay, so guessing slows to one per max delay. Guessers could
   *   take every slot and so keep the owner out: an address where the account signed in lately
   *   (LOGIN_KNOWN_ADDRESS_DAYS) skips this one, its own two budgets still counting; elsewhere the
   *   owner waits, or clears it all with a mailed unlock link.
   */
  private async signInLimits(email: string, ip: string): Promise<Limit[]> {
    const {
      windowSeconds,
      maxFailuresPerIp,
      maxFailuresPerAccount,
      accountFreeFailures,
      accountMaxDelaySeconds,
      knownAddressDays,
    } = this.deps.policy;
    const client = clientKey(ip);
    const limits: Limit[] = [
      { key: `password:ip:${client}`, max: maxFailuresPerIp, windowSeconds },
      { key: accountFromAddressKey(email, client), max: maxFailuresPerAccount, windowSeconds },
    ];
    const known =
      knownAddressDays > 0 &&
      (await this.deps.sessionHistory.signedInLatelyFrom(email, client, knownAddressDays));
    if (!known) {
      limits.push({
        key: passwordAccountKey(email),
        max: accountFreeFailures,
        windowSeconds,
        spaced: { maxDelaySeconds: accountMaxDelaySeconds },
      });
    }
    return limits;
  }

  /** Hashes made with older, weaker parameters are replaced while we know the password. */
  private async upgradeHash(user: User, password: string): Promise<void> {
    const { users, passwords } = this.deps;
    if (user.passwordHash && passwords.needsRehash(user.passwordHash)) {
      await users.update(user.id, { passwordHash: await passwords.hash(password, 'login') });
    }
  }
}

/**
 * Runs the check of a counted attempt. When it fails on our side (the hasher busy, the database
 * gone) no password was tested: the attempt is given back, so that server errors never lock an
 * address or an account out (they did: 5xx answers under load used up the owner's budget).
 */
async function givenBackIfUnanswered<T>(
  throttle: ThrottleStore,
  limits: Limit[],
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (error) {
    await Promise.all(limits.map((limit) => throttle.release(limit.key))).catch(() => undefined);
    throw error;
  }
}

/** The per-account counter of password attempts from every address. */
export const passwordAccountKey = (email: string) => `password:account:${email}`;
// JSON keeps the two parts apart whatever an email holds, so one account's prefix is never another's.
const accountFromAddressKey = (email: string, client: string) =>
  `password:pair:${JSON.stringify([email, client])}`;
const accountFromAnyAddressPrefix = (email: string) =>
  `password:pair:${JSON.stringify([email]).slice(0, -1)},`;

/**
 * Forgets an account's failed sign-ins, from every address (an unlock link, a password reset,
 * the account's deletion). The per-address budgets across accounts stay.
 */
export async function clearSignInFailures(throttle: ThrottleStore, email: string): Promise<void> {
  await throttle.clear(passwordAccountKey(email));
  await throttle.clearStartingWith(accountFromAnyAddressPrefix(email));
}
