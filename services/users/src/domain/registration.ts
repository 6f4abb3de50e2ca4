import { randomUUID } from 'node:crypto';
import { secondsFrom, type Deps } from './deps.js';
import { sendVerification } from './email-verification.js';
import { EmailTaken } from './errors.js';
import { userRegistered } from './events.js';
import { deliverUnsolicited } from './mail-budget.js';
import { registrationAttemptMail } from './mails.js';
import { assertPlainName } from './name-policy.js';
import { assertStrongPassword } from './password-policy.js';
import { normaliseEmail, normaliseName } from './user.js';

/** What a registration answers, whether the address was free or already had an account. */
export interface RegistrationOutcome {
  status: 'pending_verification';
  email: string;
}

/**
 * A new customer account. The answer is the same whether or not the address already has an
 * account (status, body, and the same argon2 work before answering), so registration cannot be
 * used to learn who is a customer; every mail goes out after the answer. A free address gets
 * the account, its `user.registered.v1` event and its verification link in one transaction (the
 * account can sign in at once); a taken one gets its owner told that someone tried.
 */
export async function register(
  deps: Deps,
  input: { email: string; password: string; name: string },
): Promise<RegistrationOutcome> {
  const email = normaliseEmail(input.email);
  const name = normaliseName(input.name);
  assertPlainName(name);
  assertStrongPassword(input.password, { email, name });
  const passwordHash = await deps.passwords.hash(input.password, 'account');
  const created = await createAccount(deps, { email, name, passwordHash });
  if (created) {
    deps.later('verification mail', () => sendVerification.mail(deps, email, created.token));
  } else {
    const owner = await deps.db.users.findByEmail(email);
    if (owner?.status === 'active')
      deps.later('registration attempt notice', () =>
        deliverUnsolicited(deps, registrationAttemptMail(email, deps.settings.publicUrl)),
      );
  }
  return { status: 'pending_verification', email };
}

/** The account and its first verification link; undefined when the address is taken. */
async function createAccount(
  deps: Deps,
  account: { email: string; name: string; passwordHash: string },
): Promise<{ token: string } | undefined> {
  if (await deps.db.users.findByEmail(account.email)) return undefined;
  try {
    return await deps.db.transaction(async (tx) => {
      const user = await tx.users.insert({
        id: randomUUID(),
        emailVerified: false,
        roles: ['customer'],
        ...account,
      });
      await tx.events.append([userRegistered(user)]);
      const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
      return { token: await sendVerification.issue(tx, user, account.email, expiresAt) };
    });
  } catch (error) {
    // Registered by a parallel request since the lookup: the same as taken before.
    if (error instanceof EmailTaken) return undefined;
    throw error;
  }
}
