import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, serviceAudience, USER_AUDIENCE, createTokenVerifier } from '@shop/platform';
import { createTestIssuer } from '@shop/platform/testing';

test('a verified token is remembered until it expires, and only for its audience', async () => {
  const issuer = await createTestIssuer();
  let clock = Date.now();
  let keyLookups = 0;
  const verifier = createTokenVerifier({
    jwks: async (header, token) => {
      keyLookups++;
      return issuer.jwks(header, token);
    },
    issuer: issuer.issuer,
    now: () => clock,
  });
  const token = await issuer.userToken('u1', ['admin']);

  const first = await verifier.verify(token, USER_AUDIENCE);
  first.roles.length = 0; // a caller narrowing its copy must not change the next answer
  const second = await verifier.verify(token, USER_AUDIENCE);
  assert.deepEqual(second.roles, ['admin']);
  assert.equal(keyLookups, 1, 'the second call skipped the signature check');

  await assert.rejects(
    verifier.verify(token, serviceAudience('products')),
    AppError,
    'another audience is checked afresh',
  );

  clock += 16 * 60_000; // past the 15-minute expiry
  await assert.rejects(verifier.verify(token, USER_AUDIENCE), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 401);
    return true;
  });
});

test('a tampered copy of a remembered token is still refused', async () => {
  const issuer = await createTestIssuer();
  const verifier = createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer });
  const token = await issuer.userToken('u1');
  await verifier.verify(token, USER_AUDIENCE);
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = [
    header,
    Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'),
    signature,
  ].join('.');
  await assert.rejects(verifier.verify(forged, USER_AUDIENCE), AppError);
});

test('the cache is bounded', async () => {
  const issuer = await createTestIssuer();
  let keyLookups = 0;
  const verifier = createTokenVerifier({
    jwks: async (header, token) => {
      keyLookups++;
      return issuer.jwks(header, token);
    },
    issuer: issuer.issuer,
    cacheSize: 2,
  });
  const tokens = await Promise.all(['a', 'b', 'c'].map((id) => issuer.userToken(id)));
  for (const token of tokens) await verifier.verify(token, USER_AUDIENCE);
  await verifier.verify(tokens[0]!, USER_AUDIENCE); // evicted first, so checked again
  assert.equal(keyLookups, 4);
});

test('a service token is good at the one service it names', async () => {
  const issuer = await createTestIssuer();
  const verifier = createTokenVerifier({ jwks: issuer.jwks, issuer: issuer.issuer });
  const forProducts = await issuer.serviceToken('orders', 'products');
  const principal = await verifier.verify(forProducts, serviceAudience('products'));
  assert.deepEqual([principal.kind, principal.subject], ['service', 'orders']);
  await assert.rejects(verifier.verify(forProducts, serviceAudience('users')), AppError, 'not at users');
  await assert.rejects(verifier.verify(forProducts, USER_AUDIENCE), AppError, 'not on public routes');
});
