import { BadRequest } from '@shop/platform/domain';
import type { Authentication } from './authentication.js';
import type { EmailTokenStore } from './email-tokens.js';
import type { EmailVerification } from './email-verification.js';
import { TooManyEmailChanges, UserNotFound } from './errors.js';
import { deliver, deliverUnsolicited } from './mail-budget.js';
import {
  emailChangeNoticeMail,
  emailTakenMail,
  passwordChangedMail,
  recipientOf,
  type Mailer,
} from './mails.js';
import { assertPlainName } from './name-policy.js';
import { assertStrongPassword } from './password-policy.js';
import type { PasswordHasher } from './passwords.js';
import type { DomainLog, Later, UnitOfWork } from './ports.js';
import type { SessionEnding, Sessions } from './sessions.js';
import type { ThrottleStore } from './throttle.js';
import { normaliseEmail, normaliseName, type Preferences, type User, type UserStore } from './user.js';

/** Email changes an account may ask for in an hour (each mails two addresses). */
export const EMAIL_CHANGES_PER_HOUR = 3;

export const emailChangeKey = (userId: string) => `email-change:user:${userId}`;

export interface ProfileChanges {
  name?: string;
  email?: string;
  /** Required with a new email: a stolen access token alone must not redirect the account's mail. */
  currentPassword?: string;
  preferences?: Preferences;
}

export interface ProfileDeps {
  users: UserStore;
  throttle: ThrottleStore;
  db: UnitOfWork<SessionEnding & { users: UserStore; emailTokens: EmailTokenStore }>;
  authentication: Authentication;
  verification: EmailVerification;
  sessions: Sessions;
  passwords: PasswordHasher;
  mailer: Mailer;
  log: DomainLog;
  later: Later;
}

/** The signed-in person's own account: name, email, preferences and password. */
export class Profile {
  constructor(private readonly deps: ProfileDeps) {}

  async get(userId: string): Promise<User> {
    const user = await this.deps.users.findById(userId);
    if (!user || user.status !== 'active') throw new UserNotFound();
    return user;
  }

  /**
   * Name and preferences change at once. A new email becomes pending: the account keeps its
   * address until the link sent to the new one is followed, and the old address is told. An
   * address that belongs to another account is answered exactly like a free one (pending), but
   * its owner is told instead of being sent a link, so the change can never complete and the
   * answer does not tell that the address has an account. Mails go out after the answer.
   */
  async update(userId: string, changes: ProfileChanges, ip: string): Promise<User> {
    const { users, db, authentication, verification, later } = this.deps;
    const user = await this.get(userId);
    const name = changes.name === undefined ? undefined : normaliseName(changes.name);
    if (name !== undefined) assertPlainName(name);
    const newEmail = changes.email === undefined ? undefined : normaliseEmail(changes.email);
    const emailChanges = newEmail !== undefined && newEmail !== user.email && newEmail !== user.pendingEmail;
    let taken = false;
    if (emailChanges) {
      // Not a rule of the body's shape: whether the email changes depends on the account's
      // addresses, so the route schema cannot say it.
      if (changes.currentPassword === undefined) {
        throw new BadRequest({
          detail: 'Changing the email needs your current password.',
          fields: [{ field: 'body.currentPassword', message: 'is required to change the email' }],
        });
      }
      await this.countEmailChange(user.id);
      await authentication.confirmPassword(user, changes.currentPassword, ip);
      const owner = await users.findByEmail(newEmail);
      taken = owner !== undefined && owner.id !== user.id;
    }
    const { updated, token } = await db.transaction(async (tx) => {
      let updated = user;
      if (name !== undefined) updated = await tx.users.update(user.id, { name });
      if (changes.preferences) updated = await tx.users.mergePreferences(user.id, changes.preferences);
      if (newEmail === user.email && user.pendingEmail) {
        // Back to the current address: the pending change is cancelled.
        updated = await tx.users.update(user.id, { pendingEmail: null });
        await tx.emailTokens.discardUnused(user.id, 'verify_email');
      }
      if (!emailChanges) return { updated, token: undefined };
      updated = await tx.users.update(user.id, { pendingEmail: newEmail });
      if (taken) {
        await tx.emailTokens.discardUnused(user.id, 'verify_email');
        return { updated, token: undefined };
      }
      return { updated, token: await verification.issueLink(tx, updated, newEmail) };
    });
    if (emailChanges) {
      const to = newEmail;
      later('email change mails', async () => {
        if (token) await verification.mailLink(to, token);
        else await deliverUnsolicited(this.deps, emailTakenMail(to));
        await deliver(this.deps, emailChangeNoticeMail(recipientOf(user), to));
      });
    }
    return updated;
  }

  /**
   * A new password ends every other session of the account; the one in use stays signed in. The
   * attempt is counted first and a weak new password refused before any argon2 work.
   */
  async changePassword(
    principal: { userId: string; sessionId: string | undefined },
    input: { currentPassword: string; newPassword: string },
    ip: string,
  ): Promise<void> {
    const { db, authentication, sessions, passwords } = this.deps;
    const user = await this.get(principal.userId);
    await authentication.confirmPassword(user, input.currentPassword, ip, () =>
      assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword'),
    );
    const passwordHash = await passwords.hash(input.newPassword, 'account');
    await db.transaction(async (tx) => {
      await tx.users.update(user.id, { passwordHash });
      await sessions.endAllOf(tx, user.id, 'password_changed', principal.sessionId);
      await tx.emailTokens.discardUnused(user.id, 'reset_password');
    });
    await deliver(this.deps, passwordChangedMail(recipientOf(user)));
  }

  /** At most EMAIL_CHANGES_PER_HOUR a hour per account: 429, which says nothing about any address. */
  private async countEmailChange(userId: string): Promise<void> {
    const { hits, resetsInSeconds } = await this.deps.throttle.hit(emailChangeKey(userId), 3600);
    if (hits > EMAIL_CHANGES_PER_HOUR) {
      throw new TooManyEmailChanges({
        detail: `At most ${EMAIL_CHANGES_PER_HOUR} email changes an hour; try again in ${Math.ceil(resetsInSeconds)} seconds.`,
        retryAfterSeconds: resetsInSeconds,
      });
    }
  }
}
