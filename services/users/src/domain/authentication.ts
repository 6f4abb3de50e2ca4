import { clientKey } from '@shop/platform';
import type { Deps } from './deps.js';
import { AccountDisabled, InvalidCredentials, WrongPassword } from './errors.js';
import { startSession, type ClientInfo, type TokenPair } from './sessions.js';
import { countAttempt, type Limit, type ThrottleStore } from './throttle.js';
import { normaliseEmail, type User } from './user.js';

const UNLOCK_HINT =
  'If this is your account, an unlock link can be mailed to you (POST /api/v1/auth/unlock).';

/**
 * Signs in with email and password. Unknown email and wrong password give the same
 * error after the same work (one throttle count, one lookup, one argon2 verification),
 * so neither the answer nor its timing tells whether an account exists. Attempts are
 * counted before the password is checked (see signInLimits).
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<TokenPair> {
  const email = normaliseEmail(input.email);
  const limits = await signInLimits(deps, email, client.ip);
  await countAttempt(deps.db.throttle, limits, UNLOCK_HINT);
  const { user, matches } = await givenBackIfUnanswered(deps.db.throttle, limits, async () => {
    const found = await deps.db.users.findByEmail(email);
    return {
      user: found,
      matches: await deps.passwords.verify(found?.passwordHash ?? null, input.password, 'login'),
    };
  });
  if (!user || !matches || user.status === 'deleted') throw new InvalidCredentials();
  // The right password: this attempt is given back, and this address starts afresh on the
  // account. Failures from elsewhere stay counted (a distributed guesser gains nothing).
  const [address, accountFromAddress, account] = limits;
  await deps.db.throttle.release(address!.key);
  await deps.db.throttle.clear(accountFromAddress!.key);
  if (account) await deps.db.throttle.release(account.key); // not counted from a known address
  if (user.status === 'disabled') throw new AccountDisabled();
  await upgradeHash(deps, user, input.password);
  return startSession(deps, user, client);
}

/**
 * Re-authentication before a sensitive change (email, password, deletion): a stolen
 * access token alone cannot take the account over. Every attempt counts on the budgets
 * of logins, right or wrong (a right one clears nothing), so a token cannot be used to
 * guess the password or to make the hasher work without end. `checkFirst` runs after the
 * count and before the hashing: the cheap refusals (a weak new password) cost no argon2.
 */
export async function confirmPassword(
  deps: Deps,
  user: User,
  password: string,
  ip: string,
  checkFirst: () => void = () => undefined,
): Promise<void> {
  const limits = await signInLimits(deps, user.email, ip);
  await countAttempt(deps.db.throttle, limits);
  checkFirst();
  const matches = await givenBackIfUnanswered(deps.db.throttle, limits, () =>
    deps.passwords.verify(user.passwordHash, password, 'account'),
  );
  if (!matches) throw new WrongPassword();
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
async function signInLimits(deps: Deps, email: string, ip: string): Promise<Limit[]> {
  const {
    windowSeconds,
    maxFailuresPerIp,
    maxFailuresPerAccount,
    accountFreeFailures,
    accountMaxDelaySeconds,
    knownAddressDays,
  } = deps.settings.login;
  const client = clientKey(ip);
  const limits: Limit[] = [
    { key: `password:ip:${client}`, max: maxFailuresPerIp, windowSeconds },
    { key: accountFromAddressKey(email, client), max: maxFailuresPerAccount, windowSeconds },
  ];
  const known =
    knownAddressDays > 0 && (await deps.db.sessions.signedInLatelyFrom(email, client, knownAddressDays));
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
async function upgradeHash(deps: Deps, user: User, password: string) {
  if (user.passwordHash && deps.passwords.needsRehash(user.passwordHash)) {
    await deps.db.users.update(user.id, { passwordHash: await deps.passwords.hash(password, 'login') });
  }
}
