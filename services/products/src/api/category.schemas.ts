import { Type } from 'typebox';
import { Uuid } from './common.schemas.js';

const Name = Type.String({ minLength: 1, maxLength: 80 });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 });
const ParentId = Type.Union([Uuid, Type.Null()]);

export const Category = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  parentId: ParentId,
});

export const CategoryTree = Type.Cyclic(
  {
    CategoryNode: Type.Object({
      id: Uuid,
      name: Type.String(),
      slug: Type.String(),
      parentId: ParentId,
      children: Type.Array(Type.Ref('CategoryNode')),
    }),
  },
  'CategoryNode',
);

export const CategoryTreeResponse = Type.Object({ items: Type.Array(CategoryTree) });

export const NewCategory = Type.Object(
  { name: Name, slug: Type.Optional(Slug), parentId: Type.Optional(ParentId) },
  { additionalProperties: false },
);

export const CategoryPatch = Type.Object(
  { name: Type.Optional(Name), slug: Type.Optional(Slug), parentId: Type.Optional(ParentId) },
  { additionalProperties: false, minProperties: 1 },
);
