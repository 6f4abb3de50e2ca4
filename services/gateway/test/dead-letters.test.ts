import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestIssuer, type TestIssuer } from '@shop/platform/testing';
import { request } from 'undici';
import { buildApp, type GatewayApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startDeadLetterService, type DeadLetterService } from './support/dead-letter-services.js';

interface Gathered {
  items: { service: string; id: string; subscription: string; failedAt: string; event: { type: string } }[];
  unavailable: string[];
}

describe('gateway: the dead letters of every service', () => {
  let issuer: TestIssuer;
  let services: Record<'users' | 'products' | 'orders', DeadLetterService>;
  let gateway: GatewayApp;
  let url: string;
  let admin: string;
  let customer: string;

  before(async () => {
    issuer = await createTestIssuer();
    const [users, products, orders] = await Promise.all([
      startDeadLetterService('users', issuer, [
        {
          subscription: 'users.product-events',
          type: 'product.deleted.v1',
          failedAt: '2026-01-01T10:00:00.000Z',
        },
      ]),
      startDeadLetterService('products', issuer, [
        { subscription: 'products.purchases', type: 'order.paid.v1', failedAt: '2026-01-01T12:00:00.000Z' },
        {
          subscription: 'products.purchases',
          type: 'order.delivered.v1',
          failedAt: '2026-01-01T09:00:00.000Z',
        },
      ]),
      startDeadLetterService('orders', issuer, [
        {
          subscription: 'orders.cart-cleanup',
          type: 'user.deleted.v1',
          failedAt: '2026-01-01T11:00:00.000Z',
        },
      ]),
    ]);
    services = { users: users!, products: products!, orders: orders! };
    gateway = await buildApp(
      loadConfig({
        LOG_LEVEL: 'silent',
        USERS_URL: services.users.url,
        PRODUCTS_URL: services.products.url,
        ORDERS_URL: services.orders.url,
        UPSTREAM_TIMEOUT_MS: '1000',
      }),
    );
    url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    await gateway.start();
    admin = await issuer.userToken('admin-1', ['admin']);
    customer = await issuer.userToken('customer-1', ['customer']);
  });
  after(async () => {
    await gateway.app.close();
    await gateway.stop();
    await Promise.all(Object.values(services).map((service) => service.close()));
  });

  const list = (token?: string) =>
    request(`${url}/api/v1/admin/dead-letters`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const replay = (service: string, subscription: string, id: string, token?: string) =>
    request(`${url}/api/v1/admin/dead-letters/${service}/${subscription}/${id}/replay`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('merges every service’s dead letters for an admin, newest first, each tagged with its service', async () => {
    const response = await list(admin);
    assert.equal(response.statusCode, 200);
    const body = (await response.body.json()) as Gathered;
    assert.deepEqual(body.unavailable, []);
    assert.deepEqual(
      body.items.map((item) => [item.service, item.event.type]),
      [
        ['products', 'order.paid.v1'],
        ['orders', 'user.deleted.v1'],
        ['users', 'product.deleted.v1'],
        ['products', 'order.delivered.v1'],
      ],
    );
    assert.equal(body.items[0]!.id, services.products.letters[0]!.id);
  });

  it('passes on a service’s refusal, and lists nothing, when the caller is not an admin', async () => {
    const asCustomer = await list(customer);
    const problem = (await asCustomer.body.json()) as { code: string; items?: unknown };
    assert.equal(asCustomer.statusCode, 403);
    assert.equal(asCustomer.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(problem.code, 'forbidden');
    assert.equal(problem.items, undefined);

    const forged = await list('not.a.token');
    await forged.body.dump();
    assert.equal(forged.statusCode, 401);

    const anonymous = await list();
    const missing = (await anonymous.body.json()) as { code: string };
    assert.equal(anonymous.statusCode, 401);
    assert.equal(missing.code, 'unauthenticated');
  });

  it('replays a dead letter in its own service only, for an admin only', async () => {
    const letter = services.products.letters[1]!;
    const refused = await replay('products', letter.subscription, letter.id, customer);
    await refused.body.dump();
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(services.products.replayed, [], 'a customer replays nothing');

    const done = await replay('products', letter.subscription, letter.id, admin);
    assert.equal(done.statusCode, 202);
    assert.deepEqual(await done.body.json(), { replayed: true });
    assert.deepEqual(services.products.replayed, [letter.id]);
    assert.deepEqual([services.users.replayed, services.orders.replayed], [[], []]);

    const elsewhere = await replay('orders', letter.subscription, letter.id, admin);
    const notThere = (await elsewhere.body.json()) as { code: string };
    assert.equal(elsewhere.statusCode, 404, 'orders has no such dead letter');
    assert.equal(notThere.code, 'not_found');
    assert.deepEqual(services.orders.replayed, []);
  });

  it('refuses an unknown service by name', async () => {
    const response = await replay('payments', 'x', 'y', admin);
    const problem = (await response.body.json()) as { code: string; errors: { field: string }[] };
    assert.equal(response.statusCode, 400);
    assert.equal(problem.code, 'validation_failed');
    assert.equal(problem.errors[0]!.field, 'params.service');
  });

  it('documents its admin routes in the merged OpenAPI document', async () => {
    const response = await request(`${url}/api/v1/openapi.json`);
    const document = (await response.body.json()) as { paths: Record<string, unknown> };
    assert.ok(document.paths['/api/v1/admin/dead-letters']);
    assert.ok(document.paths['/api/v1/admin/dead-letters/{service}/{subscription}/{id}/replay']);
  });

  it('reports a service that is down as unavailable instead of failing the list', async () => {
    await services.orders.close();
    const response = await list(admin);
    assert.equal(response.statusCode, 200);
    const body = (await response.body.json()) as Gathered;
    assert.deepEqual(body.unavailable, ['orders']);
    assert.deepEqual(
      body.items.map((item) => item.service),
      ['products', 'users', 'products'],
    );

    const replayThere = await replay('orders', 'orders.cart-cleanup', 'x', admin);
    const problem = (await replayThere.body.json()) as { code: string; detail: string };
    assert.equal(replayThere.statusCode, 503);
    assert.equal(problem.code, 'upstream_unavailable');
    assert.match(problem.detail, /orders/);
  });
});
