import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  count,
  register,
  signUp,
  signUpAs,
  startUsers,
  uniqueEmail,
  type SignedUp,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('administration', () => {
  let t: UsersUnderTest;
  let admin: SignedUp;
  let support: SignedUp;
  let customer: SignedUp;
  before(async () => {
    t = await startUsers();
    admin = await signUpAs(t, ['admin']);
    support = await signUpAs(t, ['support']);
    customer = await signUp(t);
  });
  after(() => t.close());

  const search = (who: SignedUp, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/users${query}`, headers: who.auth });
  const patch = (who: SignedUp, id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: who.auth, payload });

  test('admins and support search accounts; customers get 403', async () => {
    assert.equal((await search(admin)).statusCode, 200);
    assert.equal((await search(support)).statusCode, 200);
    const denied = await search(customer);
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.json().code, 'forbidden');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode, 401);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/v1/users/${admin.id}`, headers: customer.auth }))
        .statusCode,
      403,
    );
  });

  test('search by text, role and status; newest first with a cursor', async () => {
    const tag = `zeta${Date.now()}`;
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await register(t, { email: uniqueEmail(tag), name: `Member ${i}` }));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await search(admin, `?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(response.statusCode, 200, response.body);
      const page: { items: { id: string; email: string; status: string }[]; nextCursor: string | null } =
        response.json();
      ids.push(...page.items.map((u) => u.id));
      assert.ok(page.items.every((u) => u.email.includes(tag) && u.status === 'active'));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual([...ids].sort(), made.map((u) => u.id).sort());
    const admins = (await search(admin, '?role=admin')).json();
    assert.deepEqual(
      admins.items.map((u: { id: string }) => u.id),
      [admin.id],
    );
    assert.equal((await search(admin, '?role=root')).statusCode, 400);
    assert.equal((await search(admin, '?orderBy=email')).json().errors[0].field, 'query.orderBy');
  });

  test('SQL-injection-shaped and wildcard search text is matched literally, no 500', async () => {
    const odd = await register(t, { name: "O'Brien 100%_done" });
    for (const q of ["' OR '1'='1", "'; DROP TABLE users; --", '%', '_', '\\', "O'Brien 100%_"]) {
      const response = await search(admin, `?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, q);
      const names = response.json().items.map((u: { name: string }) => u.name);
      if (q === "O'Brien 100%_") assert.deepEqual(names, [odd.name]);
      else if (q === '%' || q === '_') assert.deepEqual(names, [odd.name], `${q} is a literal character`);
      else assert.deepEqual(names, [], q);
    }
    assert.ok((await count(t, 'SELECT 1 FROM users')) > 3, 'the table is still there');
  });

  test('an admin changes roles and disables accounts', async () => {
    const target = await signUp(t);
    const promoted = await patch(admin, target.id, { roles: ['support', 'customer'] });
    assert.equal(promoted.statusCode, 200, promoted.body);
    assert.deepEqual(promoted.json().roles, ['customer', 'support']);
    const disabled = await patch(admin, target.id, { disabled: true });
    assert.equal(disabled.json().status, 'disabled');
    const enabled = await patch(admin, target.id, { disabled: false });
    assert.equal(enabled.json().status, 'active');
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${target.id}`,
      headers: support.auth,
    });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json().roles, ['customer', 'support']);
  });

  test('nobody changes their own roles or disables themselves', async () => {
    const self = await patch(admin, admin.id, { roles: ['admin', 'support'] });
    assert.equal(self.statusCode, 403);
    assert.equal(self.json().code, 'cannot_change_own_access');
    assert.equal((await patch(admin, admin.id, { disabled: true })).statusCode, 403);
    const { rows } = await t.db.query('SELECT roles, status FROM users WHERE id = $1', [admin.id]);
    assert.deepEqual(rows[0], { roles: ['admin'], status: 'active' });
  });

  test('only admins change access: support and customers get 403, nothing changes', async () => {
    const target = await register(t);
    assert.equal((await patch(support, target.id, { roles: ['admin'] })).statusCode, 403);
    assert.equal((await patch(customer, target.id, { roles: ['admin'] })).statusCode, 403);
    assert.equal((await patch(customer, customer.id, { roles: ['admin'] })).statusCode, 403);
    assert.equal(
      await count(t, `SELECT 1 FROM users WHERE id = ANY($1) AND 'admin' = ANY(roles)`, [
        [target.id, customer.id],
      ]),
      0,
    );
  });

  test('bad patches: unknown role, unknown field, empty body, unknown user', async () => {
    const target = await register(t);
    assert.equal((await patch(admin, target.id, { roles: ['root'] })).statusCode, 400);
    const field = await patch(admin, target.id, { email: 'x@example.com' });
    assert.equal(field.statusCode, 400);
    assert.equal(field.json().errors[0].field, 'body.email');
    assert.equal((await patch(admin, target.id, {})).statusCode, 400);
    assert.equal((await patch(admin, target.id, { roles: [] })).statusCode, 400);
    assert.equal(
      (await patch(admin, '00000000-0000-4000-8000-000000000000', { disabled: true })).statusCode,
      404,
    );
  });

  test('a demoted admin is signed out at once: the token that still says admin no longer works', async () => {
    const other = await signUpAs(t, ['admin']);
    assert.equal((await search(other)).statusCode, 200);
    assert.equal((await patch(admin, other.id, { roles: ['customer'] })).statusCode, 200);
    const after = await search(other);
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, 'session_ended');
    const { rows } = await t.db.query('SELECT revoked_reason FROM sessions WHERE user_id = $1', [other.id]);
    assert.deepEqual(rows, [{ revoked_reason: 'roles_changed' }]);
  });

  test('a role given, not taken, keeps the sessions', async () => {
    const other = await signUpAs(t, ['customer']);
    assert.equal((await patch(admin, other.id, { roles: ['customer', 'support'] })).statusCode, 200);
    assert.equal((await search(other)).statusCode, 403, 'the token is still a customer one');
    assert.equal(
      await count(t, 'SELECT 1 FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [other.id]),
      1,
    );
  });
});
