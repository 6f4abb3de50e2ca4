/**
 * The committed public API document (packages/contracts/src/public-api/) is a contract: it is what
 * the services serve today, Redocly's recommended rules find no error in it, and every operation
 * can be called by a generated client (id, summary, tags, problems, security).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { App } from '@shop/platform';
import { buildApp as buildGateway, type GatewayApp } from '../../services/gateway/src/app.js';
import { loadConfig as loadGatewayConfig } from '../../services/gateway/src/config.js';
import type { MergedDocument } from '../../services/gateway/src/openapi/merge.js';
import {
  buildPublicDocument,
  buildService,
  OPENAPI_JSON,
  OPENAPI_TS,
  renderPublicApi,
  SERVICES,
  serviceEnv,
  tempDataDir,
} from '../public-api.js';

const root = new URL('../..', import.meta.url).pathname;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

function operations(document: MergedDocument): { where: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ where: `${method.toUpperCase()} ${path}`, operation }] : [];
    }),
  );
}

describe('the public API document', () => {
  let built: MergedDocument;
  let committed: MergedDocument;
  before(async () => {
    built = await buildPublicDocument();
    committed = JSON.parse(await readFile(OPENAPI_JSON, 'utf8')) as MergedDocument;
  });

  it('is committed as the routes make it today (else: run npm run openapi)', async () => {
    const { json, types } = await renderPublicApi(built);
    assert.ok(
      json === (await readFile(OPENAPI_JSON, 'utf8')),
      `${OPENAPI_JSON} is stale: run npm run openapi`,
    );
    assert.ok(types === (await readFile(OPENAPI_TS, 'utf8')), `${OPENAPI_TS} is stale: run npm run openapi`);
  });

  it('has no error under Redocly’s recommended rules (redocly.yaml)', async () => {
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules/.bin/redocly'),
      ['lint', OPENAPI_JSON, '--format=json', '--config', join(root, 'redocly.yaml')],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      // redocly exits 1 when it finds errors; its report is still on stdout.
      if (!error.stdout) throw error;
      return { stdout: error.stdout };
    });
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    const line = (p: { ruleId: string; severity: string; message: string }) =>
      `${p.severity} ${p.ruleId}: ${p.message}`;
    const warnings = report.problems.filter((p) => p.severity === 'warn').map(line);
    if (warnings.length > 0) console.log(`Redocly warnings (see README.md):\n  ${warnings.join('\n  ')}`);
    const errors = report.problems.filter((p) => p.severity === 'error').map(line);
    assert.deepEqual(errors, [], 'Redocly found errors in the public API document');
    assert.equal(report.totals.errors, 0);
  });

  it('gives every operation a unique camelCase operationId, a summary, tags, problems and security', () => {
    const seen = new Map<string, string>();
    const missing: string[] = [];
    for (const { where, operation } of operations(committed)) {
      const id = operation.operationId;
      if (!id || !/^[a-z][a-zA-Z0-9]*$/.test(id)) missing.push(`${where}: operationId ${id ?? 'missing'}`);
      else if (seen.has(id)) missing.push(`${where}: operationId ${id} is also ${seen.get(id)}'s`);
      else seen.set(id, where);
      if (!operation.summary) missing.push(`${where}: no summary`);
      if (!operation.tags?.length) missing.push(`${where}: no tags`);
      if (!Array.isArray(operation.security)) missing.push(`${where}: no security`);
      const problem = Object.entries(operation.responses ?? {}).some(
        ([status, answer]) => /^4/.test(status) && answer.content?.['application/problem+json'],
      );
      if (!problem) missing.push(`${where}: no 4xx application/problem+json answer`);
    }
    assert.deepEqual(missing, []);
  });

  it('describes every tag it uses, and has servers and a license', () => {
    const used = new Set(operations(committed).flatMap(({ operation }) => operation.tags ?? []));
    const described = new Map((committed.tags ?? []).map((tag) => [tag.name, tag.description]));
    assert.deepEqual(
      [...used].filter((tag) => typeof described.get(tag) !== 'string'),
      [],
      'tags without a description (services/gateway/src/openapi/tags.ts)',
    );
    assert.ok(Array.isArray(committed.servers) && committed.servers.length > 0);
    assert.equal((committed.info.license as { name?: string } | undefined)?.name, 'MIT');
  });

  it('has no two paths that differ only by the names of their parameters', () => {
    const shapes = new Map<string, string>();
    const clashes: string[] = [];
    for (const path of Object.keys(committed.paths)) {
      const shape = path.replace(/\{[^}]+\}/g, '{}');
      if (shapes.has(shape)) clashes.push(`${shapes.get(shape)} and ${path}`);
      else shapes.set(shape, path);
    }
    assert.deepEqual(clashes, []);
  });
});

describe('the public API document and a running gateway', () => {
  const services: App[] = [];
  let gateway: GatewayApp;
  let url: string;
  let dataDir: { close(): Promise<void>; path: string };
  before(async () => {
    dataDir = await tempDataDir();
    const env = serviceEnv(dataDir.path);
    const urls: Record<string, string> = {};
    for (const name of SERVICES) {
      const app = await buildService(name, env);
      services.push(app);
      urls[name] = await app.listen({ host: '127.0.0.1', port: 0 });
    }
    gateway = await buildGateway(
      loadGatewayConfig({
        LOG_LEVEL: 'silent',
        USERS_URL: urls.users,
        PRODUCTS_URL: urls.products,
        ORDERS_URL: urls.orders,
      }),
    );
    url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    await gateway.start();
  });
  after(async () => {
    await gateway?.app.close();
    await gateway?.stop();
    await Promise.all(services.map((app) => app.close()));
    await dataDir?.close();
  });

  it('is what GET /api/v1/openapi.json serves in front of the services', async () => {
    const served = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as MergedDocument;
    assert.deepEqual(served, await buildPublicDocument());
  });
});
