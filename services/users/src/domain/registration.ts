import { randomUUID } from 'node:crypto';
import { secondsFrom, type Deps } from './deps.js';
import { sendVerification } from './email-verification.js';
import { EmailTaken } from './errors.js';
import { userRegistered } from './events.js';
import { assertStrongPassword } from './password-policy.js';
import { normaliseEmail, normaliseName, type User } from './user.js';

/**
 * A new customer account. The account, its `user.registered.v1` event and its
 * verification link are written in one transaction; the mail goes out after commit.
 */
export async function register(
  deps: Deps,
  input: { email: string; password: string; name: string },
): Promise<User> {
  const email = normaliseEmail(input.email);
  const name = normaliseName(input.name);
  assertStrongPassword(input.password, { email, name });
  // Cheap check first, so a taken address costs no argon2 work; the unique constraint decides races.
  if (await deps.db.users.findByEmail(email)) throw new EmailTaken();
  const passwordHash = await deps.passwords.hash(input.password);
  const { user, token } = await deps.db.transaction(async (tx) => {
    const user = await tx.users.insert({
      id: randomUUID(),
      email,
      emailVerified: false,
      name,
      passwordHash,
      roles: ['customer'],
    });
    await tx.events.append([userRegistered(user)]);
    const expiresAt = secondsFrom(deps.clock(), deps.settings.emailVerificationTtlSeconds);
    const token = await sendVerification.issue(tx, user, email, expiresAt);
    return { user, token };
  });
  await sendVerification.mail(deps, user, email, token);
  return user;
}
