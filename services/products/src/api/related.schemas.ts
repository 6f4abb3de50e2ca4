import { LimitSchema } from '@shop/platform';
import { Type } from 'typebox';
import { RELATED_LIMIT_MAX } from '../domain/related-products.js';
import { Product } from './product.schemas.js';

export const RelatedParams = Type.Object(
  { limit: LimitSchema(RELATED_LIMIT_MAX, 8) },
  { additionalProperties: false },
);

export const RelatedResponse = Type.Object({ items: Type.Array(Product) });
