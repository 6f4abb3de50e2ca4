import { Type } from 'typebox';
import { Strict, Uuid } from './common.schemas.js';

export const RecommendationsQuery = Strict({
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'How many products, at most' }),
});

export const Recommendation = Strict({
  id: Uuid,
  name: Type.String(),
  price: Type.Integer({ description: 'Minor units of currency' }),
  currency: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  rating: Strict({ average: Type.Number(), count: Type.Integer() }),
  inStock: Type.Boolean(),
  reason: Type.String({ description: 'Why it is proposed, e.g. "Because you bought Kettle"' }),
});

export const Recommendations = Strict({ items: Type.Array(Recommendation) });
