import type { Deps } from './deps.js';
import { AccountDisabled, InvalidCredentials, WrongPassword } from './errors.js';
import { startSession, type ClientInfo, type TokenPair } from './sessions.js';
import { countAttempt, type Limit } from './throttle.js';
import { normaliseEmail, type User } from './user.js';

/**
 * Signs in with email and password. Unknown email and wrong password give the same
 * error after the same work (one throttle count, one lookup, one argon2 verification),
 * so neither the answer nor its timing tells whether an account exists. Attempts are
 * counted per client address and per account before the password is checked.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<TokenPair> {
  const email = normaliseEmail(input.email);
  const limits = passwordLimits(deps, email, client.ip);
  await countAttempt(deps.db.throttle, limits);
  const user = await deps.db.users.findByEmail(email);
  const matches = await deps.passwords.verify(user?.passwordHash ?? null, input.password);
  if (!user || !matches || user.status === 'deleted') throw new InvalidCredentials();
  await forgiveAttempt(deps, limits);
  if (user.status === 'disabled') throw new AccountDisabled();
  await upgradeHash(deps, user, input.password);
  return startSession(deps, user, client);
}

/**
 * Re-authentication before a sensitive change (email, password, deletion): a stolen
 * access token alone cannot take the account over. Throttled like a login, since it
 * is a way to guess the password too.
 */
export async function confirmPassword(deps: Deps, user: User, password: string, ip: string): Promise<void> {
  const limits = passwordLimits(deps, user.email, ip);
  await countAttempt(deps.db.throttle, limits);
  if (!(await deps.passwords.verify(user.passwordHash, password))) throw new WrongPassword();
  await forgiveAttempt(deps, limits);
}

/** The per-account counter of password attempts (cleared when the password is reset). */
export const passwordAccountKey = (email: string) => `password:account:${email}`;

function passwordLimits(deps: Deps, email: string, ip: string): [ip: Limit, account: Limit] {
  const { windowSeconds, maxFailuresPerIp, maxFailuresPerAccount } = deps.settings.login;
  return [
    { key: `password:ip:${ip}`, max: maxFailuresPerIp, windowSeconds },
    { key: passwordAccountKey(email), max: maxFailuresPerAccount, windowSeconds },
  ];
}

/** A correct password: the address gets its attempt back and the account starts afresh. */
async function forgiveAttempt(deps: Deps, [ip, account]: [Limit, Limit]) {
  await deps.db.throttle.release(ip.key);
  await deps.db.throttle.clear(account.key);
}

/** Hashes made with older, weaker parameters are replaced while we know the password. */
async function upgradeHash(deps: Deps, user: User, password: string) {
  if (user.passwordHash && deps.passwords.needsRehash(user.passwordHash)) {
    await deps.db.users.update(user.id, { passwordHash: await deps.passwords.hash(password) });
  }
}
