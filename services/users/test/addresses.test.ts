import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  compare,
  count,
  signUp,
  startUsers,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

const home = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

describe('addresses', () => {
  let t: UsersUnderTest;
  let alice: SignedUp;
  let mallory: SignedUp;
  before(async () => {
    t = await startUsers();
    alice = await signUp(t);
    mallory = await signUp(t);
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    who: SignedUp,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/users/me/addresses${url}`,
      headers: who.auth,
      ...(payload ? { payload } : {}),
    });

  test('create, read, update, delete', async () => {
    const created = await call('POST', '', alice, { ...home, line2: 'Flat 2', phone: '+44 20 7946 0000' });
    assert.equal(created.statusCode, 201, created.body);
    const address = created.json();
    assert.equal(created.headers.location, `/api/v1/users/me/addresses/${address.id}`);
    assert.equal(address.isDefault, true, 'the first address is the default');
    assert.equal(address.region, null);
    assert.equal((await call('GET', `/${address.id}`, alice)).json().line2, 'Flat 2');

    const updated = await call('PATCH', `/${address.id}`, alice, { city: 'Oxford', line2: null });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().city, 'Oxford');
    assert.equal(updated.json().line2, null);

    assert.equal((await call('DELETE', `/${address.id}`, alice)).statusCode, 204);
    assert.equal((await call('GET', `/${address.id}`, alice)).statusCode, 404);
    assert.equal((await call('DELETE', `/${address.id}`, alice)).statusCode, 404);
  });

  test('one default at a time', async () => {
    const user = await signUp(t);
    const first = (await call('POST', '', user, home)).json();
    const second = (await call('POST', '', user, { ...home, city: 'Bath', isDefault: true })).json();
    assert.equal(second.isDefault, true);
    assert.equal((await call('GET', `/${first.id}`, user)).json().isDefault, false);
    await call('PATCH', `/${first.id}`, user, { isDefault: true });
    assert.equal((await call('GET', `/${second.id}`, user)).json().isDefault, false);
    assert.equal(await count(t, 'SELECT 1 FROM addresses WHERE user_id = $1 AND is_default', [user.id]), 1);
  });

  test('list with a cursor, oldest first', async () => {
    const user = await signUp(t);
    for (const city of ['A', 'B', 'C', 'D', 'E']) await call('POST', '', user, { ...home, city });
    const seen: { city: string; createdAt: string; id: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { city: string; createdAt: string; id: string }[]; nextCursor: string | null } = (
        await call('GET', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`, user)
      ).json();
      assert.ok(page.items.length <= 2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.map((a) => a.city).sort(), ['A', 'B', 'C', 'D', 'E'], 'each exactly once');
    const oldestFirst = [...seen].sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
    assert.deepEqual(seen, oldestFirst);
    const tampered = await call(
      'GET',
      `?cursor=${Buffer.from('{"createdAt":"x","id":"1 OR 1=1"}').toString('base64url')}`,
      user,
    );
    assert.equal(tampered.statusCode, 400);
    assert.equal(tampered.json().errors[0].field, 'query.cursor');
    // The right shape, but no such day (or a year PostgreSQL does not have): a 400, not a failed query.
    for (const createdAt of [
      '2024-13-45T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
    ]) {
      const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
      const impossible = await call(
        'GET',
        `?cursor=${Buffer.from(JSON.stringify({ createdAt, id })).toString('base64url')}`,
        user,
      );
      assert.equal(impossible.statusCode, 400, createdAt);
      assert.equal(impossible.json().errors[0].field, 'query.cursor');
    }
  });

  test("BOLA: another user's address is a 404 for reading, changing and deleting, and stays untouched", async () => {
    const address = (await call('POST', '', alice, home)).json();
    assert.equal((await call('GET', `/${address.id}`, mallory)).statusCode, 404);
    assert.equal((await call('PATCH', `/${address.id}`, mallory, { city: 'Stolen' })).statusCode, 404);
    assert.equal((await call('DELETE', `/${address.id}`, mallory)).statusCode, 404);
    const list = (await call('GET', '', mallory)).json();
    assert.ok(list.items.every((a: { id: string }) => a.id !== address.id));
    const { rows } = await t.db.query('SELECT city, user_id FROM addresses WHERE id = $1', [address.id]);
    assert.deepEqual(rows[0], { city: 'London', user_id: alice.id });
  });

  test('validation: unknown fields, bad country, blank lines, bad ids are 400s naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...home, userId: mallory.id }, 'body.userId'],
      [{ ...home, country: 'XX' }, 'body.country'],
      [{ ...home, country: 'gb' }, 'body.country'],
      [{ ...home, line1: '   ' }, 'body.line1'],
      [{ ...home, phone: 'call me' }, 'body.phone'],
      [{ ...home, postalCode: undefined }, 'body.postalCode'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('POST', '', alice, payload);
      assert.equal(response.statusCode, 400, field);
      assert.equal(response.json().errors[0].field, field);
    }
    const badId = await call('GET', '/not-a-uuid', alice);
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].field, 'params.id');
  });

  test('SQL-shaped input is stored and answered literally', async () => {
    const sneaky = "Robert'); DROP TABLE addresses;--";
    const created = await call('POST', '', alice, { ...home, name: sneaky, line1: "1' OR '1'='1" });
    assert.equal(created.statusCode, 201);
    assert.equal((await call('GET', `/${created.json().id}`, alice)).json().name, sneaky);
    assert.ok((await count(t, 'SELECT 1 FROM addresses')) > 0);
  });

  test('needs a signed-in user', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/users/me/addresses' })).statusCode, 401);
  });
});
