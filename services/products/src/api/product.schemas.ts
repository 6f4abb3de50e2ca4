import { Currency, MinorUnits } from '@shop/contracts';
import { Type } from 'typebox';
import { MAX_PRICE } from '../domain/product.js';
import { Uuid } from './common.schemas.js';

export const ProductStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('active'),
  Type.Literal('archived'),
]);

export const AttributeName = '^[a-z][a-z0-9_]{0,39}$';
const Attributes = Type.Record(
  Type.String({ pattern: AttributeName }),
  // One schema with three types, not a union: a union's first branch would coerce 250 to "250".
  Type.Unsafe<string | number | boolean>({ type: ['string', 'number', 'boolean'], maxLength: 200 }),
  { maxProperties: 30, additionalProperties: false, description: 'Free-form: colour, size, …' },
);
const Images = Type.Array(Type.String({ format: 'uri', maxLength: 500 }), { maxItems: 20 });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });
const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });

const Histogram = Type.Object({
  1: Type.Integer(),
  2: Type.Integer(),
  3: Type.Integer(),
  4: Type.Integer(),
  5: Type.Integer(),
});

export const Product = Type.Object({
  id: Uuid,
  sku: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  price: MinorUnits,
  currency: Currency,
  categoryId: Uuid,
  brand: Type.String(),
  attributes: Attributes,
  images: Type.Array(Type.String()),
  status: ProductStatus,
  available: Type.Integer({ description: 'Units that can be ordered now' }),
  inStock: Type.Boolean(),
  rating: Type.Object({ average: Type.Number(), count: Type.Integer(), histogram: Histogram }),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A price as written by an admin or asked for in a filter: minor units, at most MAX_PRICE. */
export const Price = Type.Integer({
  minimum: 0,
  maximum: MAX_PRICE,
  description: `Amount in minor units (e.g. cents), at most ${MAX_PRICE}`,
});

const editable = {
  sku: Sku,
  slug: Slug,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 10_000 }),
  price: Price,
  currency: Currency,
  categoryId: Uuid,
  brand: Type.String({ minLength: 1, maxLength: 100 }),
  attributes: Attributes,
  images: Images,
  status: ProductStatus,
};

export const NewProduct = Type.Object(
  {
    sku: editable.sku,
    name: editable.name,
    description: editable.description,
    price: editable.price,
    currency: editable.currency,
    categoryId: editable.categoryId,
    brand: editable.brand,
    slug: Type.Optional(editable.slug),
    attributes: Type.Optional(editable.attributes),
    images: Type.Optional(editable.images),
    status: Type.Optional(editable.status),
  },
  { additionalProperties: false },
);

export const ProductPatch = Type.Partial(Type.Object(editable), {
  additionalProperties: false,
  minProperties: 1,
});

/** `{id}` in product paths; reading a product also takes its slug there. */
export const IdOrSlugParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100, description: 'Product id or slug' }) },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag you last read (required to edit)' })),
});

export const IfNoneMatchHeaders = Type.Object({
  'if-none-match': Type.Optional(Type.String()),
});
