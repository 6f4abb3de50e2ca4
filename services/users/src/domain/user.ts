import { isUuid } from '@shop/platform/domain';

/** A person's account and the rules about its identity fields. */
export type UserRole = 'customer' | 'admin' | 'support';
export type UserStatus = 'active' | 'disabled' | 'deleted';

export interface Preferences {
  language?: string;
  currency?: string;
  marketingEmails?: boolean;
}

export interface User {
  id: string;
  email: string;
  emailVerified: boolean;
  /** A new address waiting for its verification link to be followed. */
  pendingEmail: string | null;
  name: string;
  passwordHash: string | null;
  roles: UserRole[];
  status: UserStatus;
  preferences: Preferences;
  /** Bumped on each upload; null while there is no avatar. */
  avatarVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  passwordHash: string;
  roles: UserRole[];
}

export interface UserSearch {
  /** Matched literally (no wildcards) against email and name. */
  text?: string;
  role?: UserRole;
  status?: UserStatus;
  after?: { createdAt: string; id: string };
  limit: number;
}

export interface UserStore {
  /** Throws EmailTaken when the email belongs to another account. */
  insert(user: NewUser): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /** Locks the row until the transaction ends. */
  lock(id: string): Promise<User | undefined>;
  /**
   * Keeps the row from being locked for update (as deletion does) until the transaction ends;
   * ordinary updates (login, profile) are not held up.
   */
  lockForShare(id: string): Promise<User | undefined>;
  search(search: UserSearch): Promise<User[]>;
  update(
    id: string,
    changes: Partial<
      Pick<
        User,
        | 'email'
        | 'emailVerified'
        | 'pendingEmail'
        | 'name'
        | 'passwordHash'
        | 'roles'
        | 'status'
        | 'avatarVersion'
      >
    >,
  ): Promise<User>;
  mergePreferences(id: string, preferences: Preferences): Promise<User>;
  anonymise(id: string): Promise<void>;
}

/** One spelling per address: trimmed, Unicode-normalised, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Signals and owed mails only count for accounts that exist and are not deleted: a late event
 * must not bring data back. The key-share lock keeps a deletion from slipping in before the
 * event's transaction commits.
 */
export async function isLiveCustomer(
  users: Pick<UserStore, 'lockForShare'>,
  userId: string,
): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const user = await users.lockForShare(userId);
  return user !== undefined && user.status !== 'deleted';
}
