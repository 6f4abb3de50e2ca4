import { randomUUID } from 'node:crypto';
import type { EmailTokenStore } from './email-tokens.js';
import type { EmailVerification } from './email-verification.js';
import { EmailTaken } from './errors.js';
import { userRegistered, type EventLog } from './events.js';
import { deliverUnsolicited } from './mail-budget.js';
import { registrationAttemptMail, type Mailer } from './mails.js';
import { assertPlainName } from './name-policy.js';
import { assertStrongPassword } from './password-policy.js';
import type { PasswordHasher } from './passwords.js';
import type { DomainLog, Later, UnitOfWork } from './ports.js';
import type { ThrottleStore } from './throttle.js';
import { normaliseEmail, normaliseName, type UserStore } from './user.js';

/** What a registration answers, whether the address was free or already had an account. */
export interface RegistrationOutcome {
  status: 'pending_verification';
  email: string;
}

export interface RegistrationDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<{ users: UserStore; events: EventLog; emailTokens: EmailTokenStore }>;
  passwords: PasswordHasher;
  verification: EmailVerification;
  mailer: Mailer;
  log: DomainLog;
  later: Later;
  publicUrl: string;
}

export class Registration {
  constructor(private readonly deps: RegistrationDeps) {}

  /**
   * A new customer account. The answer is the same whether or not the address already has an
   * account (status, body, and the same argon2 work before answering), so registration cannot be
   * used to learn who is a customer; every mail goes out after the answer. A free address gets
   * the account, its `user.registered.v1` event and its verification link in one transaction (the
   * account can sign in at once); a taken one gets its owner told that someone tried.
   */
  async register(input: { email: string; password: string; name: string }): Promise<RegistrationOutcome> {
    const { users, passwords, verification, later, publicUrl } = this.deps;
    const email = normaliseEmail(input.email);
    const name = normaliseName(input.name);
    assertPlainName(name);
    assertStrongPassword(input.password, { email, name });
    const passwordHash = await passwords.hash(input.password, 'account');
    const created = await this.createAccount({ email, name, passwordHash });
    if (created) {
      later('verification mail', () => verification.mailLink(email, created.token));
    } else {
      const owner = await users.findByEmail(email);
      if (owner?.status === 'active')
        later('registration attempt notice', () =>
          deliverUnsolicited(this.deps, registrationAttemptMail(email, publicUrl)),
        );
    }
    return { status: 'pending_verification', email };
  }

  /** The account and its first verification link; undefined when the address is taken. */
  private async createAccount(account: {
    email: string;
    name: string;
    passwordHash: string;
  }): Promise<{ token: string } | undefined> {
    if (await this.deps.users.findByEmail(account.email)) return undefined;
    try {
      return await this.deps.db.transaction(async (tx) => {
        const user = await tx.users.insert({
          id: randomUUID(),
          emailVerified: false,
          roles: ['customer'],
          ...account,
        });
        await tx.events.append([userRegistered(user)]);
        return { token: await this.deps.verification.issueLink(tx, user, account.email) };
      });
    } catch (error) {
      // Registered by a parallel request since the lookup: the same as taken before.
      if (error instanceof EmailTaken) return undefined;
      throw error;
    }
  }
}
