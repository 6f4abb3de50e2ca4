import { LimitSchema } from '@shop/platform';
import { Type } from 'typebox';
import type { Stars } from '../domain/product.js';
import { Uuid } from './common.schemas.js';

const Rating = Type.Unsafe<Stars>(Type.Integer({ minimum: 1, maximum: 5 }));
const Title = Type.String({ minLength: 1, maxLength: 120 });
const Body = Type.String({ minLength: 1, maxLength: 5000 });

/** What anyone reads of a review: the author's display name, never a user id. */
export const Review = Type.Object({
  id: Uuid,
  productId: Uuid,
  authorName: Type.String({ description: "The author's display name" }),
  mine: Type.Boolean({ description: 'Whether the signed-in caller wrote it (false when anonymous)' }),
  rating: Rating,
  title: Type.String(),
  body: Type.String(),
  verifiedPurchase: Type.Boolean(),
  helpfulCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const NewReview = Type.Object(
  { rating: Rating, title: Title, body: Body },
  { additionalProperties: false },
);

export const ReviewPatch = Type.Object(
  { rating: Type.Optional(Rating), title: Type.Optional(Title), body: Type.Optional(Body) },
  { additionalProperties: false, minProperties: 1 },
);

export const ReviewListParams = Type.Object(
  {
    sort: Type.Optional(Type.Enum(['newest', 'highest', 'lowest', 'helpful'])),
    limit: LimitSchema(50, 10),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export const ReviewPage = Type.Object({
  items: Type.Array(Review),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const HelpfulResponse = Type.Object({ reviewId: Uuid, helpfulCount: Type.Integer() });
