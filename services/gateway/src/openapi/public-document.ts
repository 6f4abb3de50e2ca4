import { STATUS_CODES } from 'node:http';
import { ProblemSchema } from '@shop/platform';
import { routes, routeTable, type UpstreamName } from '../route-table.js';
import { mergeDocuments, type MergedDocument, type OpenApiDocument } from './merge.js';
import { TAG_DESCRIPTIONS } from './tags.js';

/** The gateway's own routes in the document (outside the services' trees). */
const GATEWAY_OWN_PATHS = '/api/v1/admin/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PROBLEM_REF = '#/components/schemas/Problem';
/** As every service's document has it (see the platform's create-app.ts). */
const PROBLEM = JSON.parse(JSON.stringify(ProblemSchema)) as Record<string, unknown>;

export const PUBLIC_INFO = {
  title: 'Shop API',
  version: '1.0.0',
  description: 'Accounts, catalogue, carts and orders of the shop, as served by its gateway.',
  license: { name: 'MIT', identifier: 'MIT' },
};

/** The gateway: a relative entry for wherever it is served from, and `npm start`'s address. */
export const PUBLIC_SERVERS = [
  { url: '/', description: 'The gateway that serves this document' },
  { url: 'http://localhost:3000', description: '`npm start` on this machine' },
];

/**
 * The public API document: each service's routed paths and the gateway's own, merged (see
 * merge.ts), with what the gateway itself adds to every operation (its rate limit's 429) and a
 * description for every tag. `GET /api/v1/openapi.json` and `npm run openapi` both build it here.
 */
export function publicDocument(
  services: ReadonlyMap<UpstreamName, OpenApiDocument>,
  gateway: OpenApiDocument,
): MergedDocument {
  const merged = mergeDocuments(PUBLIC_INFO, [
    // In the route table's order, whatever order the documents arrived in: the same names win.
    ...routeTable.flatMap(({ upstream: service }) => {
      const document = services.get(service);
      return document ? [{ service, document, keepPath: (path: string) => routes(service, path) }] : [];
    }),
    // Last, so that the services' component names win when they differ.
    { service: 'gateway', document: gateway, keepPath: (path) => path.startsWith(GATEWAY_OWN_PATHS) },
  ]);
  // The parts' objects are kept by their callers (the catalog's last good documents): not changed.
  const paths = structuredClone(merged.paths);
  const components = { ...merged.components, schemas: { Problem: PROBLEM, ...merged.components.schemas } };
  const used = new Set<string>();
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      for (const tag of operation.tags ?? []) used.add(tag);
      // Every request the gateway routes draws on a per-client budget first (edge/protection.ts).
      operation.responses ??= {};
      operation.responses['429'] ??= {
        description: STATUS_CODES[429]!,
        content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
      };
    }
  }
  const declared = merged.tags ?? [];
  const tags = [
    ...declared,
    ...[...used]
      .filter((name) => !declared.some((tag) => tag.name === name))
      .map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name })),
  ];
  return {
    openapi: merged.openapi,
    info: merged.info,
    servers: PUBLIC_SERVERS,
    ...(tags.length > 0 ? { tags } : {}),
    paths,
    components,
  };
}

interface Operation {
  tags?: string[];
  responses?: Record<string, unknown>;
}
