import { ServiceUnavailable, type ServiceClient } from '@shop/platform';
import type { InternalAddress } from '@shop/contracts/internal';
import type { ShippingAddress } from '../domain/order.js';
import type { AddressBook } from '../domain/ports.js';

/**
 * users' internal API (its schemas are in @shop/contracts/internal): a user's saved address, copied
 * onto the order when it is placed.
 */
export class UsersClient implements AddressBook {
  constructor(private readonly client: ServiceClient) {}

  async find(userId: string, addressId: string): Promise<ShippingAddress | undefined> {
    const response = await this.client.get<InternalAddress>(
      `/internal/users/${encodeURIComponent(userId)}/addresses/${encodeURIComponent(addressId)}`,
    );
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      throw new ServiceUnavailable(`users answered ${response.status} to the address lookup.`);
    }
    const { name, line1, line2, city, postalCode, region, country, phone } = response.body;
    // The optional lines are null when absent, whatever an older users replica sends.
    return {
      name,
      line1,
      line2: line2 ?? null,
      city,
      postalCode,
      region: region ?? null,
      country,
      phone: phone ?? null,
    };
  }
}
