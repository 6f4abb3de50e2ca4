import { randomUUID } from 'node:crypto';
import { AddressNotFound, LimitReached, UserNotFound } from './errors.js';
import { pageOf, type Page } from './page.js';
import type { UnitOfWork } from './ports.js';
import type { UserStore } from './user.js';

export interface Address {
  id: string;
  userId: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  phone: string | null;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Fields = Omit<Address, 'id' | 'userId' | 'isDefault' | 'createdAt' | 'updatedAt'>;
export type AddressInput = Pick<Fields, 'name' | 'line1' | 'city' | 'postalCode' | 'country'> &
  Partial<Fields> & { isDefault?: boolean };
export type AddressChanges = Partial<Fields> & { isDefault?: boolean };
export interface AddressKey {
  createdAt: string;
  id: string;
}

export interface AddressStore {
  list(userId: string, after: AddressKey | undefined, limit: number): Promise<Address[]>;
  find(userId: string, id: string): Promise<Address | undefined>;
  count(userId: string): Promise<number>;
  insert(address: Omit<Address, 'createdAt' | 'updatedAt'>): Promise<Address>;
  update(userId: string, id: string, changes: AddressChanges): Promise<Address | undefined>;
  delete(userId: string, id: string): Promise<boolean>;
  clearDefault(userId: string): Promise<void>;
  deleteAllOf(userId: string): Promise<void>;
}

export interface AddressBookDeps {
  addresses: AddressStore;
  db: UnitOfWork<{ users: UserStore; addresses: AddressStore }>;
  maxAddresses: number;
}

/**
 * A user's saved addresses. Only ever the user's own: another user's address id answers like an
 * unknown one (no probing of ids). The country is an ISO 3166-1 alpha-2 code (countries.ts; the
 * route schema refuses others).
 */
export class AddressBook {
  constructor(private readonly deps: AddressBookDeps) {}

  async list(
    userId: string,
    query: { after: AddressKey | undefined; limit: number },
  ): Promise<Page<Address, AddressKey>> {
    const rows = await this.deps.addresses.list(userId, query.after, query.limit + 1);
    return pageOf(rows, query.limit, (a) => ({ createdAt: a.createdAt.toISOString(), id: a.id }));
  }

  /** Someone else's address id answers exactly like an unknown one (no probing of ids). */
  async get(userId: string, id: string): Promise<Address> {
    const address = await this.deps.addresses.find(userId, id);
    if (!address) throw new AddressNotFound();
    return address;
  }

  /**
   * Adds an address. The first one becomes the default; a new default replaces the old one.
   * Changes to one user's addresses are serialised on the user row, which keeps the
   * limit and the single default exact under concurrent requests.
   */
  async add(userId: string, input: AddressInput): Promise<Address> {
    const { db, maxAddresses } = this.deps;
    return db.transaction(async (tx) => {
      if (!(await tx.users.lock(userId))) throw new UserNotFound();
      const count = await tx.addresses.count(userId);
      if (count >= maxAddresses) {
        throw new LimitReached(`An account keeps at most ${maxAddresses} addresses.`);
      }
      const isDefault = input.isDefault === true || count === 0;
      if (isDefault) await tx.addresses.clearDefault(userId);
      return tx.addresses.insert({
        id: randomUUID(),
        userId,
        name: input.name,
        line1: input.line1,
        line2: input.line2 ?? null,
        city: input.city,
        region: input.region ?? null,
        postalCode: input.postalCode,
        country: input.country,
        phone: input.phone ?? null,
        isDefault,
      });
    });
  }

  async update(userId: string, id: string, changes: AddressChanges): Promise<Address> {
    return this.deps.db.transaction(async (tx) => {
      if (!(await tx.users.lock(userId))) throw new UserNotFound();
      const current = await tx.addresses.find(userId, id);
      if (!current) throw new AddressNotFound();
      if (changes.isDefault === true && !current.isDefault) await tx.addresses.clearDefault(userId);
      const updated = await tx.addresses.update(userId, id, changes);
      if (!updated) throw new AddressNotFound();
      return updated;
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.deps.addresses.delete(userId, id))) throw new AddressNotFound();
  }
}
