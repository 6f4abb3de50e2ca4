import type { Static } from 'typebox';
import type { Address as AddressRecord } from '../domain/address-book.js';
import type { Address } from './addresses.schemas.js';

/** The user id stays inside: the route already names whose address it is. */
export const addressView = (address: AddressRecord): Static<typeof Address> => ({
  id: address.id,
  name: address.name,
  line1: address.line1,
  line2: address.line2,
  city: address.city,
  region: address.region,
  postalCode: address.postalCode,
  country: address.country,
  phone: address.phone,
  isDefault: address.isDefault,
  createdAt: address.createdAt.toISOString(),
  updatedAt: address.updatedAt.toISOString(),
});
