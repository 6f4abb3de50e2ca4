import { type App } from '@shop/platform';
import { Type } from 'typebox';
import type { ApiCatalog } from './catalog.js';

const OpenApiDocumentSchema = Type.Object(
  {
    openapi: Type.String(),
    info: Type.Object({}, { additionalProperties: true }),
    paths: Type.Object({}, { additionalProperties: true }),
    components: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

export interface DocsRoutesDeps {
  catalog: ApiCatalog;
}

/** The merged OpenAPI 3.1 document of everything the gateway routes (the docs at /docs read it too). */
export function registerDocsRoutes(app: App, { catalog }: DocsRoutesDeps): void {
  app.get(
    '/api/v1/openapi.json',
    {
      schema: {
        hide: true,
        operationId: 'getPublicApiDocument',
        summary: 'The public API document (this one)',
        response: { 200: OpenApiDocumentSchema },
      },
    },
    async () => catalog.document,
  );
}
