import { LimitSchema, PageSchema } from '@shop/platform';
import { Type } from 'typebox';
import { Cursor, Strict, Timestamp, Uuid } from './common.schemas.js';

export const ProductSummary = Strict({
  id: Uuid,
  sku: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  price: Type.Integer({ description: 'Minor units' }),
  currency: Type.String(),
  status: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  available: Type.Boolean(),
});

export const Favorite = Strict({
  productId: Uuid,
  addedAt: Timestamp,
  product: Type.Optional(
    Type.Union([ProductSummary, Type.Null()], {
      description: 'null: no longer sold; absent: the products service could not be asked',
    }),
  ),
});

export const FavoritePage = PageSchema(Favorite);
export const FavoriteParams = Strict({ productId: Uuid });
export const FavoritesQuery = Strict({ limit: LimitSchema(100, 20), cursor: Type.Optional(Cursor) });
