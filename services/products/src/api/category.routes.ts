import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { CategoryCatalog } from '../domain/categories.js';
import { Category, CategoryPatch, CategoryTreeResponse, NewCategory } from './category.schemas.js';
import { IdParams, NoContent, bearer } from './common.schemas.js';

const tags = ['categories'];

export function categoryRoutes(
  app: App,
  { categories, guards }: { categories: CategoryCatalog; guards: Guards },
) {
  app.get(
    '/api/v1/categories',
    {
      schema: { tags, summary: 'The category tree', response: { 200: CategoryTreeResponse } },
    },
    async () => ({ items: await categories.tree() }),
  );

  app.post(
    '/api/v1/categories',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        summary: 'Create a category (admin); the slug defaults to one made from the name',
        security: bearer,
        body: NewCategory,
        response: { 201: Category, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await categories.create(request.body)),
  );

  app.patch(
    '/api/v1/categories/:id',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        summary: 'Rename or move a category (admin)',
        security: bearer,
        params: IdParams,
        body: CategoryPatch,
        response: { 200: Category, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => categories.update(request.params.id, request.body),
  );

  app.delete(
    '/api/v1/categories/:id',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        summary: 'Delete an empty category (admin); one with products or subcategories is a 409',
        security: bearer,
        params: IdParams,
        response: { 204: NoContent, ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await categories.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
