import { ServiceUnavailable, type ServiceClient } from '@shop/platform';
import type { ShippingAddress } from '../domain/order.js';
import type { AddressBook } from '../domain/ports.js';

/** users' internal API: a user's saved address, copied onto the order when it is placed. */
export class UsersClient implements AddressBook {
  constructor(private readonly client: ServiceClient) {}

  async find(userId: string, addressId: string): Promise<ShippingAddress | undefined> {
    const response = await this.client.get<ShippingAddress>(
      `/internal/users/${encodeURIComponent(userId)}/addresses/${encodeURIComponent(addressId)}`,
    );
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      throw new ServiceUnavailable(`users answered ${response.status} to the address lookup.`);
    }
    const a = response.body;
    return {
      name: a.name,
      line1: a.line1,
      line2: a.line2 ?? null,
      city: a.city,
      postalCode: a.postalCode,
      region: a.region ?? null,
      country: a.country,
      phone: a.phone ?? null,
    };
  }
}
