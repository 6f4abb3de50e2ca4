import { LimitSchema } from '@shop/platform';
import { Type } from 'typebox';
import { Uuid } from './common.schemas.js';
import { MAX_PRICE } from '../domain/product.js';
import { Product, ProductStatus } from './product.schemas.js';

const Values = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20, description });

export const SEARCH_LIMIT_MAX = 100;

/**
 * `attr.<name>=value` filters on product attributes; any other unknown parameter is a 400
 * naming it. Repeating a parameter means OR (`brand=sony&brand=bose`).
 */
export const SearchParams = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words to search for; typos are corrected' }),
    ),
    category: Type.Optional(Values('Category slug or id; includes its subcategories')),
    brand: Type.Optional(Values('Brand name (case-insensitive)')),
    minPrice: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_PRICE,
        description: `Minor units, inclusive; at most ${MAX_PRICE}`,
      }),
    ),
    maxPrice: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_PRICE,
        description: `Minor units, inclusive; at most ${MAX_PRICE}`,
      }),
    ),
    minRating: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5, description: 'Whole stars: 4 means 4 and up' }),
    ),
    inStock: Type.Optional(Type.Boolean({ description: 'true: only products available now' })),
    status: Type.Optional(
      Type.Array(ProductStatus, { maxItems: 3, description: 'Admins only; default active' }),
    ),
    sort: Type.Optional(
      Type.Enum(['relevance', 'price_asc', 'price_desc', 'rating', 'newest'], {
        description: 'Default: relevance with q, newest without',
      }),
    ),
    limit: LimitSchema(SEARCH_LIMIT_MAX, 20),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  {
    additionalProperties: false,
    patternProperties: { '^attr\\.[a-z][a-z0-9_]{0,39}$': Values('Attribute value (case-insensitive)') },
  },
);

const Count = Type.Integer({ minimum: 0 });

export const SearchResponse = Type.Object({
  items: Type.Array(Product),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Count,
  correctedQuery: Type.Optional(Type.String({ description: 'The words searched for after typo correction' })),
  facets: Type.Object({
    categories: Type.Array(Type.Object({ id: Uuid, slug: Type.String(), name: Type.String(), count: Count })),
    brands: Type.Array(Type.Object({ value: Type.String(), count: Count })),
    priceBands: Type.Array(
      Type.Object({
        min: Type.Integer({ description: 'Inclusive, minor units' }),
        max: Type.Union([Type.Integer({ description: 'Exclusive, minor units' }), Type.Null()]),
        count: Count,
      }),
    ),
    ratings: Type.Array(Type.Object({ minRating: Type.Integer(), count: Count })),
  }),
});

export const SuggestParams = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100 }),
    limit: LimitSchema(20, 8),
  },
  { additionalProperties: false },
);

export const SuggestResponse = Type.Object({
  items: Type.Array(
    Type.Object({ id: Uuid, slug: Type.String(), name: Type.String(), brand: Type.String() }),
  ),
});
