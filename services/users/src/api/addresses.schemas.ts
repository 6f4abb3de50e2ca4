import { LimitSchema, PageSchema } from '@shop/platform';
import { Type } from 'typebox';
import { COUNTRY_CODES } from '../domain/countries.js';
import { Cursor, Strict, Text, Timestamp, Uuid } from './common.schemas.js';

const Country = Type.Enum([...COUNTRY_CODES], { description: 'ISO 3166-1 alpha-2, e.g. DE' });
const Phone = Type.String({ pattern: '^\\+?[0-9 ()./-]{4,30}$', description: 'Digits, spaces, + ( ) - . /' });
const Nullable = <T extends ReturnType<typeof Text> | typeof Phone>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const fields = {
  name: Text(100, { description: 'Recipient' }),
  line1: Text(200),
  line2: Type.Optional(Nullable(Text(200))),
  city: Text(100),
  region: Type.Optional(Nullable(Text(100))),
  postalCode: Text(20),
  country: Country,
  phone: Type.Optional(Nullable(Phone)),
  isDefault: Type.Optional(Type.Boolean({ description: 'The one used at checkout unless told otherwise' })),
};

export const AddressBody = Strict(fields);

export const AddressPatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    line1: Type.Optional(fields.line1),
    line2: fields.line2,
    city: Type.Optional(fields.city),
    region: fields.region,
    postalCode: Type.Optional(fields.postalCode),
    country: Type.Optional(fields.country),
    phone: fields.phone,
    isDefault: fields.isDefault,
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Address = Strict({
  id: Uuid,
  name: Type.String(),
  line1: Type.String(),
  line2: Type.Union([Type.String(), Type.Null()]),
  city: Type.String(),
  region: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.String(),
  country: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  isDefault: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AddressPage = PageSchema(Address);
export const AddressParams = Strict({ id: Uuid });
export const ListQuery = Strict({ limit: LimitSchema(100, 20), cursor: Type.Optional(Cursor) });
