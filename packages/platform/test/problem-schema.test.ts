import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { ProblemSchema, createApp, defineError, problems } from '@shop/platform';

class OutOfStock extends defineError('out_of_stock', 'conflict', 'Not enough stock') {}

test('a route documenting its problems still answers every member of the problem, extensions too', async () => {
  const app = await createApp({
    service: 'test',
    logLevel: 'silent',
    openapi: { title: 'T', description: 'T' },
  });
  app.post(
    '/reserve',
    {
      schema: {
        body: Type.Object({ quantity: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ held: Type.Boolean() }), ...problems(400, 409) },
      },
    },
    async () => {
      throw new OutOfStock({ detail: 'Only 2 left.', extensions: { unavailable: [{ available: 2 }] } });
    },
  );

  const conflict = await app.inject({ method: 'POST', url: '/reserve', payload: { quantity: 3 } });
  assert.equal(conflict.statusCode, 409);
  assert.ok(Value.Check(ProblemSchema, conflict.json()));
  const body = conflict.json();
  assert.equal(body.code, 'out_of_stock');
  assert.equal(body.detail, 'Only 2 left.');
  assert.deepEqual(body.unavailable, [{ available: 2 }]);
  assert.ok(body.requestId);

  const invalid = await app.inject({ method: 'POST', url: '/reserve', payload: { quantity: 0 } });
  assert.equal(invalid.statusCode, 400);
  assert.ok(Value.Check(ProblemSchema, invalid.json()));
  assert.equal(invalid.json().errors[0].field, 'body.quantity');

  const documented = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const responses = documented.paths['/reserve'].post.responses;
  assert.deepEqual(Object.keys(responses).sort(), ['201', '400', '409']);
  assert.equal(responses['409'].description, 'RFC 9457 problem details');
  await app.close();
});
