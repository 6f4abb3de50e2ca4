import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { Catalog } from '../domain/catalog.js';
import { IdParams, NoContent, NotModified } from './common.schemas.js';
import { expectedVersion, notModified, productEtag } from './product-etag.js';
import {
  IdOrSlugParams,
  IfMatchHeaders,
  IfNoneMatchHeaders,
  NewProduct,
  Product,
  ProductPatch,
} from './product.schemas.js';
import { productView } from './product.views.js';
import { viewerOf } from './viewer.js';

const tags = ['products'];

export interface ProductRoutesDeps {
  guards: Guards;
  catalog: Catalog;
}

export function registerProductRoutes(app: App, { guards, catalog }: ProductRoutesDeps): void {
  app.get(
    '/api/v1/products/:id',
    {
      onRequest: guards.optionalUser,
      schema: {
        operationId: 'getProduct',
        tags,
        summary: 'A product by id or slug, with availability and rating summary',
        description: 'Admins also see drafts and archived products. Answers 304 to a matching If-None-Match.',
        params: IdOrSlugParams,
        headers: IfNoneMatchHeaders,
        response: { 200: Product, 304: NotModified, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const product = await catalog.find(request.params.id, viewer);
      const etag = productEtag(product, viewer);
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'Authorization');
      if (notModified(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return productView(product);
    },
  );

  app.post(
    '/api/v1/products',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'createProduct',
        tags,
        summary: 'Create a product (admin); status defaults to draft',
        body: NewProduct,
        response: { 201: Product, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const product = await catalog.create(request.body);
      reply
        .header('location', `/api/v1/products/${product.id}`)
        .header('etag', productEtag(product, viewerOf(request)));
      return reply.code(201).send(productView(product));
    },
  );

  app.patch(
    '/api/v1/products/:id',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'updateProduct',
        tags,
        summary: 'Edit a product (admin); If-Match with the ETag you read is required',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ProductPatch,
        response: { 200: Product, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], true);
      const product = await catalog.update(request.params.id, expected, request.body);
      reply.header('etag', productEtag(product, viewerOf(request)));
      return productView(product);
    },
  );

  app.delete(
    '/api/v1/products/:id',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'archiveProduct',
        tags,
        summary: 'Archive a product (admin): no longer sold, kept for orders and reviews',
        params: IdParams,
        headers: IfMatchHeaders,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      await catalog.archive(request.params.id, expectedVersion(request.headers['if-match'], false));
      return reply.code(204).send(null);
    },
  );
}
