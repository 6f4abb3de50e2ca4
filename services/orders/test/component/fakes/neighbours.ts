import { AccountDeleted } from '../../../src/domain/errors.js';
import type { ShippingAddress } from '../../../src/domain/order.js';
import type { AddressBook } from '../../../src/domain/ports.js';
import { CallLog } from './calls.js';

/** users' address books, as the internal address lookup answers. */
export class FakeAddressBook implements AddressBook {
  readonly log = new CallLog<'find'>();
  private readonly addresses = new Map<string, ShippingAddress>();

  save(userId: string, addressId: string, address: ShippingAddress): void {
    this.addresses.set(`${userId}/${addressId}`, structuredClone(address));
  }

  async find(userId: string, addressId: string): Promise<ShippingAddress | undefined> {
    this.log.record('find', userId, addressId);
    return structuredClone(this.addresses.get(`${userId}/${addressId}`));
  }
}

/** Deleted accounts (what AccountErasure answers a checkout). */
export class FakeErasures {
  readonly erased = new Set<string>();

  async assertNotErased(userId: string): Promise<void> {
    if (this.erased.has(userId))
      throw new AccountDeleted('This account was deleted; sign in with another one.');
  }
}

/** The saga's warnings (a step that failed and will be retried), kept for assertions. */
export class FakeLog {
  readonly warnings: { details: object; message: string }[] = [];

  warn(details: object, message: string): void {
    this.warnings.push({ details, message });
  }
}
