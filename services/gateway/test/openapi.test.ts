import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { TAG_DESCRIPTIONS } from '../src/openapi/tags.js';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

const problem = { type: 'object', properties: { title: { type: 'string' } } };
const usersDoc = {
  openapi: '3.1.0',
  info: { title: 'users' },
  tags: [{ name: 'auth' }],
  paths: {
    '/api/v1/auth/login': {
      post: { tags: ['auth'], responses: { 401: { $ref: '#/components/responses/Problem' } } },
    },
    '/api/v1/users/{id}': { get: { responses: { 200: { description: 'a user' } } } },
    '/.well-known/jwks.json': { get: { responses: { 200: { description: 'keys' } } } },
    '/internal/users/{id}': { get: { responses: { 200: { description: 'internal' } } } },
    '/dev/mailbox': { get: { responses: { 200: { description: 'dev' } } } },
    '/healthz': { get: { responses: { 200: { description: 'health' } } } },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    responses: {
      Problem: { description: 'users problem', content: { 'application/json': { schema: problem } } },
    },
  },
};
const productsDoc = {
  openapi: '3.1.0',
  info: { title: 'products' },
  paths: {
    '/api/v1/products': { get: { responses: { 400: { $ref: '#/components/responses/Problem' } } } },
    '/internal/reservations': { post: { responses: { 201: { description: 'held' } } } },
    '/api/v1/users/{id}/favorites': {
      get: { responses: { 200: { description: 'not products’ to serve' } } },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    responses: { Problem: { description: 'products problem' } },
  },
};

interface Merged {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>>;
  components: Record<string, Record<string, { description?: string }>>;
  tags?: { name: string }[];
}

describe('gateway: merged OpenAPI document and docs', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    // orders serves no document at all: it must not break the others.
    gw = await startGateway({}, { users: usersDoc, products: productsDoc, orders: { not: 'a document' } });
    await gw.orders.close();
    await gw.gateway.catalog.refresh();
  });
  after(() => gw.close());

  it('keeps exactly the routed paths of each service, and the gateway’s own', async () => {
    const response = await request(`${gw.url}/api/v1/openapi.json`);
    assert.equal(response.statusCode, 200);
    const doc = (await response.body.json()) as Merged;
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths), [
      '/.well-known/jwks.json',
      '/api/v1/admin/dead-letters',
      '/api/v1/admin/dead-letters/{service}/{subscription}/{id}/replay',
      '/api/v1/auth/login',
      '/api/v1/products',
      '/api/v1/users/{id}',
    ]);
    // A tag a service declares is kept as it declared it; one used without a declaration is described.
    assert.deepEqual(doc.tags, [{ name: 'auth' }, { name: 'admin', description: TAG_DESCRIPTIONS.admin }]);
  });

  it('names the gateway, the licence, the rate limit’s 429 and its own routes’ security', async () => {
    const doc = (await (await request(`${gw.url}/api/v1/openapi.json`)).body.json()) as Merged & {
      servers: { url: string }[];
      info: { license?: { name: string } };
    };
    assert.deepEqual(
      doc.servers.map((server) => server.url),
      ['/', 'http://localhost:3000'],
    );
    assert.equal(doc.info.license?.name, 'MIT');
    const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        assert.deepEqual(
          (operation.responses['429'] as { content?: unknown } | undefined)?.content,
          problem,
          `${method} ${path} answers 429`,
        );
      }
    }
    assert.ok(doc.components.schemas!.Problem, 'the problem schema is named once');
    const list = doc.paths['/api/v1/admin/dead-letters']!.get! as unknown as {
      operationId: string;
      security: unknown[];
      responses: Record<string, { content?: unknown }>;
    };
    assert.equal(list.operationId, 'listDeadLetters');
    assert.deepEqual(list.security, [{ bearer: [] }]);
    for (const status of ['401', '403']) assert.deepEqual(list.responses[status]!.content, problem);
  });

  it('merges equal components and renames conflicting ones after their service', async () => {
    const doc = (await (await request(`${gw.url}/api/v1/openapi.json`)).body.json()) as Merged;
    assert.deepEqual(Object.keys(doc.components.securitySchemes!), ['bearer']);
    assert.equal(doc.components.responses!.Problem!.description, 'users problem');
    assert.equal(doc.components.responses!['products.Problem']!.description, 'products problem');
    assert.equal(
      doc.paths['/api/v1/products']!.get!.responses['400']!.$ref,
      '#/components/responses/products.Problem',
    );
    assert.equal(
      doc.paths['/api/v1/auth/login']!.post!.responses['401']!.$ref,
      '#/components/responses/Problem',
    );
  });

  it('serves interactive docs on the merged document, and a start page linking to them', async () => {
    const docs = await request(`${gw.url}/docs`);
    assert.equal(docs.statusCode, 200);
    assert.match(await docs.body.text(), /swagger-ui/);
    const json = (await (await request(`${gw.url}/docs/json`)).body.json()) as Merged;
    assert.ok(json.paths['/api/v1/auth/login'], 'the docs read the merged document');

    const home = await request(`${gw.url}/`);
    assert.equal(home.statusCode, 200);
    assert.match(String(home.headers['content-type']), /text\/html/);
    assert.match(await home.body.text(), /href="\/docs"/);
  });
});
