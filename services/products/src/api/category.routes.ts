import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { Categories } from '../domain/categories.js';
import { Category, CategoryPatch, CategoryTreeResponse, NewCategory } from './category.schemas.js';
import { IdParams, NoContent } from './common.schemas.js';

const tags = ['categories'];

export interface CategoryRoutesDeps {
  guards: Guards;
  categories: Categories;
}

export function registerCategoryRoutes(app: App, { guards, categories }: CategoryRoutesDeps): void {
  app.get(
    '/api/v1/categories',
    {
      schema: {
        operationId: 'listCategories',
        tags,
        summary: 'The category tree',
        response: { 200: CategoryTreeResponse },
      },
    },
    async () => ({ items: await categories.tree() }),
  );

  app.post(
    '/api/v1/categories',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'createCategory',
        tags,
        summary: 'Create a category (admin); the slug defaults to one made from the name',
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
        operationId: 'updateCategory',
        tags,
        summary: 'Rename or move a category (admin)',
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
        operationId: 'deleteCategory',
        tags,
        summary: 'Delete an empty category (admin); one with products or subcategories is a 409',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await categories.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
