import assert from 'node:assert/strict';
import { createHmac, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import {
  login,
  register,
  signUp,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

/** The service's own signing key, read from its data dir, to forge tokens that differ in one way only. */
async function realKey(dataDir: string): Promise<{ key: KeyObject; kid: string }> {
  const [file] = await readdir(join(dataDir, 'keys'));
  const stored = JSON.parse(await readFile(join(dataDir, 'keys', file!), 'utf8'));
  return { key: createPrivateKey({ key: stored.privateJwk, format: 'jwk' }), kid: stored.kid };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens: every forgery is a 401', () => {
  let t: UsersUnderTest;
  let user: SignedUp;
  let key: KeyObject;
  let kid: string;
  before(async () => {
    t = await startUsers();
    user = await signUp(t);
    ({ key, kid } = await realKey(t.dataDir));
  });
  after(() => t.close());

  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });
  const claims = () => decodeJwt(user.accessToken);
  const sign = (
    header: Record<string, unknown>,
    overrides: Record<string, unknown> = {},
    signingKey: KeyObject = key,
  ) =>
    new SignJWT({ ...claims(), ...overrides })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid, ...header } as { alg: string })
      .sign(signingKey);

  async function assertRejected(token: string, why: string, code = 'unauthenticated') {
    const response = await me(token);
    assert.equal(response.statusCode, 401, `${why}: ${response.body}`);
    assert.equal(response.headers['www-authenticate'], 'Bearer');
    assert.equal(response.json().code, code);
  }

  test('the genuine token works, and a token signed the same way by the test works too', async () => {
    assert.equal((await me(user.accessToken)).statusCode, 200);
    assert.equal((await me(await sign({}))).statusCode, 200);
  });

  test('tampered payload (roles raised to admin) with the original signature', async () => {
    const [header, , signature] = user.accessToken.split('.');
    await assertRejected(`${header}.${b64({ ...claims(), roles: ['admin'] })}.${signature}`, 'tampered');
  });

  test('bad signature', async () => {
    const [header, payload, signature] = user.accessToken.split('.');
    const flipped = signature!.slice(0, -2) + (signature!.endsWith('AA') ? 'BB' : 'AA');
    await assertRejected(`${header}.${payload}.${flipped}`, 'bad signature');
  });

  test('alg none', async () => {
    await assertRejected(`${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims())}.`, 'alg none');
    await assertRejected(`${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims())}.`, 'alg none, no kid');
  });

  test('HS256 signed with the public key (algorithm confusion)', async () => {
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const publicJwk = jwks.keys.find((k: { kid: string }) => k.kid === kid);
    for (const secret of [JSON.stringify(publicJwk), Buffer.from(publicJwk.x, 'base64url'), publicJwk.x]) {
      const head = `${b64({ alg: 'HS256', typ: 'at+jwt', kid })}.${b64(claims())}`;
      const mac = createHmac('sha256', secret).update(head).digest('base64url');
      await assertRejected(`${head}.${mac}`, 'HS256 with the public key');
    }
  });

  test('expired, and not yet valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    await assertRejected(await sign({}, { iat: now - 3600, exp: now - 60 }), 'expired');
    await assertRejected(await sign({}, { iat: now, nbf: now + 600, exp: now + 900 }), 'not yet valid');
  });

  test('a foreign key, with our kid or an unknown one', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    await assertRejected(await sign({}, {}, privateKey), 'foreign key, our kid');
    await assertRejected(
      await sign({ kid: 'someone-elses-key' }, {}, privateKey),
      'foreign key, unknown kid',
    );
    await assertRejected(await sign({ kid: 'unknown' }), 'our key, unknown kid');
  });

  test('keys named by the token itself (jku, jwk) are never used', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    await assertRejected(await sign({ jwk, kid: undefined }, {}, privateKey), 'embedded jwk');
    await assertRejected(
      await sign({ jku: 'https://evil.example/jwks.json' }),
      'jku header, genuine signature',
    );
    await assertRejected(await sign({ jwk }), 'jwk header, genuine signature');
  });

  test('wrong audience, issuer or token type', async () => {
    await assertRejected(await sign({}, { aud: 'shop-internal' }), 'internal audience');
    await assertRejected(await sign({}, { aud: 'another-api' }), 'another audience');
    await assertRejected(await sign({}, { iss: 'someone-else' }), 'another issuer');
    await assertRejected(await sign({ typ: 'JWT' }), 'typ JWT instead of at+jwt');
  });

  test('a service token is not a user token, and a user token opens no internal route', async () => {
    await assertRejected(await sign({}, { aud: 'shop-internal', roles: ['service'] }), 'service token');
    const internal = await t.app.inject({
      method: 'GET',
      url: `/internal/users/${user.id}`,
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    assert.equal(internal.statusCode, 401);
  });

  test('a token of a session that does not exist (signed with the real key) is refused', async () => {
    const unknownSession = await sign({}, { sid: '00000000-0000-4000-8000-000000000000' });
    await assertRejected(unknownSession, 'unknown session', 'session_ended');
    await assertRejected(await sign({}, { sid: undefined }), 'no session', 'session_ended');
  });

  test('malformed Authorization headers', async () => {
    for (const authorization of [
      'Basic abc',
      'Bearer',
      'Bearer a.b',
      'Bearer ' + 'x'.repeat(5000),
      'bearer  x.y.z',
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: { authorization },
      });
      assert.equal(response.statusCode, 401, authorization.slice(0, 20));
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/users/me' })).statusCode, 401);
  });
});

describe('signing key rotation (DATA_DIR/keys, driven by the clock)', () => {
  let database: TestDatabase;
  let dataDir: string;
  const DAY = 86_400_000;
  const start = Date.now();
  before(async () => {
    database = await createTestDatabase('users_keys');
    dataDir = await mkdtemp(join(tmpdir(), 'users-keys-'));
  });
  after(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The service as it would run at `at`, on the same data dir and database (a restart). */
  async function at(offsetMs: number, work: (t: UsersUnderTest) => Promise<void>) {
    const t = await startUsers({
      database,
      dataDir,
      overrides: { clock: () => new Date(start + offsetMs) },
    });
    try {
      await work(t);
    } finally {
      await t.close();
    }
  }
  const kids = async (t: UsersUnderTest) =>
    (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }))
      .json()
      .keys.map((k: { kid: string }) => k.kid);
  const me = (t: UsersUnderTest, token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });

  test('the key is generated once and kept across restarts; a successor is published ahead, then signs; the old key stays until its tokens expired', async () => {
    let account = { email: '', password: '' };
    let oldToken = '';
    let firstKid = '';
    await at(0, async (t) => {
      account = await register(t);
      oldToken = (await login(t, account.email, account.password)).accessToken;
      firstKid = decodeProtectedHeader(oldToken).kid!;
      assert.deepEqual(await kids(t), [firstKid]);
    });
    await at(DAY, async (t) => {
      assert.deepEqual(await kids(t), [firstKid], 'a restart keeps the key');
    });
    let nextKid = '';
    await at(30 * DAY - 5 * 60_000, async (t) => {
      const published = await kids(t);
      assert.equal(published.length, 2, 'the successor is published ahead of its turn');
      nextKid = published.find((k: string) => k !== firstKid);
      const fresh = (await login(t, account.email, account.password)).accessToken;
      assert.equal(decodeProtectedHeader(fresh).kid, firstKid, 'but the current key still signs');
    });
    await at(30 * DAY + 11 * 60_000, async (t) => {
      assert.deepEqual(await kids(t), [nextKid, firstKid], 'both published');
      const fresh = (await login(t, account.email, account.password)).accessToken;
      assert.equal(decodeProtectedHeader(fresh).kid, nextKid, 'the successor signs now');
      assert.equal((await me(t, oldToken)).statusCode, 200, 'a token of the retired key still verifies');
    });
    await at(30 * DAY + 40 * 60_000, async (t) => {
      assert.deepEqual(await kids(t), [nextKid], 'the retired key is gone once its tokens expired');
      assert.equal((await me(t, oldToken)).statusCode, 401, 'and its tokens no longer verify');
    });
  });
});

describe('signing keys from JWT_SIGNING_KEYS', () => {
  test('the first key signs, all are published; private parts never are', async () => {
    const jwk = (kid: string) => ({
      ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }),
      kid,
    });
    const t = await startUsers({ env: { JWT_SIGNING_KEYS: JSON.stringify([jwk('new'), jwk('old')]) } });
    try {
      const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
      assert.deepEqual(
        jwks.keys.map((k: { kid: string }) => k.kid),
        ['new', 'old'],
      );
      assert.ok(
        jwks.keys.every((k: Record<string, unknown>) => !('d' in k) && k.alg === 'EdDSA' && k.use === 'sig'),
      );
      const user = await signUp(t);
      assert.equal(decodeProtectedHeader(user.accessToken).kid, 'new');
      assert.ok(!(await readdir(t.dataDir)).includes('keys'), 'no key files when keys are configured');
    } finally {
      await t.close();
    }
  });
});
