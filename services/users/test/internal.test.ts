import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { signUp, startUsers, type SignedUp, type UsersUnderTest } from './support/users-under-test.js';

const SECRET = 'orders-secret-0123456789abcdef';

describe('internal API', () => {
  let t: UsersUnderTest;
  let user: SignedUp;
  let other: SignedUp;
  let serviceToken: string;
  before(async () => {
    t = await startUsers({
      env: { SERVICE_CLIENTS: `orders:${SECRET},products:products-secret-0123456789` },
    });
    user = await signUp(t);
    other = await signUp(t);
  });
  after(() => t.close());

  const tokenRequest = (payload: string | Record<string, unknown>, form = typeof payload === 'string') =>
    t.app.inject({
      method: 'POST',
      url: '/internal/oauth/token',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      payload,
    });
  const internal = (url: string, token = serviceToken) =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  test('client credentials (form body, as OAuth2 clients send) give a service token', async () => {
    const response = await tokenRequest(
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'orders',
        client_secret: SECRET,
        audience: 'users',
      }).toString(),
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 600);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.aud, 'shop-internal:users', 'good at the one service it names');
    assert.equal(claims.sub, 'orders');
    assert.deepEqual(claims.roles, ['service']);
    serviceToken = body.access_token;
  });

  test('a JSON body works too, and a token for another service is refused here', async () => {
    const response = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'orders',
      client_secret: SECRET,
      audience: 'products',
    });
    assert.equal(response.statusCode, 200);
    const forProducts = response.json().access_token as string;
    assert.equal(decodeJwt(forProducts).aud, 'shop-internal:products');
    const elsewhere = await internal(`/internal/users/${user.id}`, forProducts);
    assert.equal(elsewhere.statusCode, 401, "a token for products opens none of users' routes");
  });

  test('a wrong secret and an unknown client get the same 401', async () => {
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'orders',
      client_secret: `${SECRET}x`,
      audience: 'users',
    });
    const unknown = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'mallory',
      client_secret: SECRET,
      audience: 'users',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().code, 'invalid_client');
    const withoutId = (body: object) => ({ ...body, requestId: 0 });
    assert.deepEqual(withoutId(wrong.json()), withoutId(unknown.json()));
  });

  test('other grant types and missing fields are 400s naming the field', async () => {
    const password = await tokenRequest({
      grant_type: 'password',
      client_id: 'orders',
      client_secret: SECRET,
      audience: 'users',
    });
    assert.equal(password.statusCode, 400);
    assert.equal(password.json().errors[0].field, 'body.grant_type');
    const missing = await tokenRequest('grant_type=client_credentials&client_id=orders');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].field, 'body.client_secret');
    const noAudience = await tokenRequest(
      `grant_type=client_credentials&client_id=orders&client_secret=${SECRET}`,
    );
    assert.equal(noAudience.statusCode, 400);
    assert.equal(noAudience.json().errors[0].field, 'body.audience');
    const unknownAudience = await tokenRequest(
      `grant_type=client_credentials&client_id=orders&client_secret=${SECRET}&audience=payments`,
    );
    assert.equal(unknownAudience.statusCode, 400, 'only the services that take service tokens');
  });

  test('GET /internal/users/{id} answers what orders needs', async () => {
    const response = await internal(`/internal/users/${user.id}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      id: user.id,
      email: user.email,
      name: 'Ada Lovelace',
      status: 'active',
      emailVerified: false,
    });
    assert.equal((await internal('/internal/users/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test("GET /internal/users/{id}/addresses/{addressId}: 404 when it is not that user's", async () => {
    const address = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/users/me/addresses',
        headers: user.auth,
        payload: { name: 'Ada', line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      })
    ).json();
    const own = await internal(`/internal/users/${user.id}/addresses/${address.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.json().city, 'Berlin');
    assert.equal((await internal(`/internal/users/${other.id}/addresses/${address.id}`)).statusCode, 404);
  });

  test('internal routes need a service token: none, a user token or garbage are 401', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: `/internal/users/${user.id}` })).statusCode, 401);
    assert.equal((await internal(`/internal/users/${user.id}`, user.accessToken)).statusCode, 401);
    assert.equal((await internal(`/internal/users/${user.id}`, 'x.y.z')).statusCode, 401);
    const onPublic = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${serviceToken}` },
    });
    assert.equal(onPublic.statusCode, 401, 'a service token opens no user route');
  });
});
