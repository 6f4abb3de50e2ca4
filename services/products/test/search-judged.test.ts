import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTokenVerifier } from '@shop/platform';
import { createTestDatabase, createTestIssuer, type TestDatabase } from '@shop/platform/testing';
import { buildApp, type ProductsApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedCatalog } from '../src/seed/seed-catalog.js';
import { JUDGED_QUERIES } from './support/judged-queries.js';

let database: TestDatabase;
let service: ProductsApp;
/** Category slug → ids of the category and everything under it. */
const subtrees = new Map<string, Set<string>>();

interface CategoryNode {
  id: string;
  slug: string;
  children: CategoryNode[];
}

before(async () => {
  database = await createTestDatabase('products_judged');
  await seedCatalog({ databaseUrl: database.url, products: 3000 });
  const issuer = await createTestIssuer();
  service = await buildApp(
    loadConfig({
      DATABASE_URL: database.url,
      BUS_URL: 'postgres://unused/bus',
      JWKS_URL: 'http://unused/jwks.json',
      LOG_LEVEL: 'silent',
    }),
    { verifier: createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer }) },
  );
  const walk = (node: CategoryNode): string[] => {
    const ids = [node.id, ...node.children.flatMap(walk)];
    subtrees.set(node.slug, new Set(ids));
    return ids;
  };
  (await service.app.inject({ url: '/api/v1/categories' })).json().items.forEach(walk);
});

after(async () => {
  await service.app.close();
  await service.stop();
  await database.drop();
});

test(`the judged queries (${JUDGED_QUERIES.length}) find what a shopper expects in the top five`, async () => {
  assert.ok(JUDGED_QUERIES.length >= 20);
  for (const judged of JUDGED_QUERIES) {
    const response = await service.app.inject({
      url: `/api/v1/products?q=${encodeURIComponent(judged.q)}&limit=5`,
    });
    assert.equal(response.statusCode, 200, response.body);
    const top = response.json().items as { sku: string; name: string; categoryId: string }[];
    const shown = `"${judged.q}" → ${top.map((p) => p.name).join(' | ') || 'nothing'}`;
    if (judged.sku)
      assert.ok(
        top.some((p) => p.sku === judged.sku),
        `${judged.sku} not in the top five: ${shown}`,
      );
    if (judged.category) {
      const ids = subtrees.get(judged.category)!;
      assert.equal(top.length, 5, shown);
      assert.ok(
        top.every((p) => ids.has(p.categoryId)),
        `not all in ${judged.category}: ${shown}`,
      );
    }
  }
});
