import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { unsolicitedMailKey } from '../src/domain/mail-budget.js';
import {
  count,
  login,
  mailsTo,
  register,
  signUp,
  startUsers,
  strongPassword,
  tokenIn,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('profile', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  const me = (auth: { authorization: string }) =>
    t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: auth });
  const patch = (auth: { authorization: string }, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: auth, payload });

  test('GET /users/me answers the profile and nothing secret', async () => {
    const user = await signUp(t, { name: 'Ada' });
    const response = await me(user.auth);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'avatarUrl',
      'createdAt',
      'email',
      'emailVerified',
      'id',
      'name',
      'pendingEmail',
      'preferences',
      'roles',
      'updatedAt',
    ]);
    assert.equal(body.id, user.id);
    assert.equal(body.avatarUrl, null);
    assert.deepEqual(body.preferences, {});
  });

  test('PATCH changes the name and merges preferences', async () => {
    const user = await signUp(t);
    const first = await patch(user.auth, {
      name: 'New Name',
      preferences: { language: 'de-CH', currency: 'CHF' },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().name, 'New Name');
    const second = await patch(user.auth, { preferences: { marketingEmails: true } });
    assert.deepEqual(second.json().preferences, {
      language: 'de-CH',
      currency: 'CHF',
      marketingEmails: true,
    });
    const { rows } = await t.db.query('SELECT name, preferences FROM users WHERE id = $1', [user.id]);
    assert.equal(rows[0].name, 'New Name');
    assert.equal(rows[0].preferences.marketingEmails, true);
  });

  test('mass assignment: roles, status, id or emailVerified in a PATCH are a 400 naming the field, and nothing changes', async () => {
    const user = await signUp(t);
    for (const [field, value] of [
      ['roles', ['admin']],
      ['status', 'active'],
      ['id', user.id],
      ['emailVerified', true],
    ] as const) {
      const response = await patch(user.auth, { name: 'Sneaky', [field]: value });
      assert.equal(response.statusCode, 400, field);
      assert.equal(response.json().errors[0].field, `body.${field}`);
    }
    const unknownPreference = await patch(user.auth, { preferences: { isAdmin: true } });
    assert.equal(unknownPreference.statusCode, 400);
    assert.equal(unknownPreference.json().errors[0].field, 'body.preferences.isAdmin');
    const { rows } = await t.db.query('SELECT name, roles, email_verified FROM users WHERE id = $1', [
      user.id,
    ]);
    assert.deepEqual(rows[0], { name: 'Ada Lovelace', roles: ['customer'], email_verified: false });
    assert.equal((await patch(user.auth, {})).statusCode, 400, 'an empty patch says nothing');
  });

  test('a new email needs the password, stays pending until the link sent to it is followed, and the old address is told', async () => {
    const user = await signUp(t);
    const newEmail = uniqueEmail('moved');
    const withoutPassword = await patch(user.auth, { email: newEmail });
    assert.equal(withoutPassword.statusCode, 400);
    assert.equal(withoutPassword.json().errors[0].field, 'body.currentPassword');
    const wrongPassword = await patch(user.auth, { email: newEmail, currentPassword: 'Not-the-password-9' });
    assert.equal(wrongPassword.statusCode, 403);
    assert.equal(wrongPassword.json().code, 'wrong_password');

    const response = await patch(user.auth, {
      email: newEmail.toUpperCase(),
      currentPassword: user.password,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().email, user.email, 'unchanged until confirmed');
    assert.equal(response.json().pendingEmail, newEmail);
    const notice = (await mailsTo(t, user.email, 2))[0]!;
    assert.equal(notice.subject, 'Your email address is being changed');
    assert.doesNotMatch(
      notice.text,
      new RegExp(newEmail),
      'the old address is not confirmed: no address in it',
    );
    const link = tokenIn((await mailsTo(t, newEmail))[0]);
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: link },
    });
    assert.equal(verify.statusCode, 204);
    const after = (await me(user.auth)).json();
    assert.equal(after.email, newEmail);
    assert.equal(after.pendingEmail, null);
    assert.equal(after.emailVerified, true);
    await login(t, newEmail, user.password);
  });

  test('changing to a taken email is answered like a free one; its owner is told and the change never completes', async () => {
    const user = await signUp(t);
    const other = await register(t);
    const free = uniqueEmail('free');
    const toFree = await patch(user.auth, { email: free, currentPassword: user.password });
    const toTaken = await patch(user.auth, { email: other.email, currentPassword: user.password });
    assert.equal(toTaken.statusCode, 200, toTaken.body);
    assert.equal(toTaken.statusCode, toFree.statusCode);
    assert.deepEqual(Object.keys(toTaken.json()).sort(), Object.keys(toFree.json()).sort());
    assert.equal(toTaken.json().pendingEmail, other.email);
    assert.ok(!toTaken.body.includes(other.id), 'the other account is not named');

    const ownerMails = await mailsTo(t, other.email, 2);
    assert.equal(ownerMails[0]!.subject, 'Someone asked to use your address');
    assert.deepEqual(ownerMails[0]!.links, [], 'no link that could complete the change');
    assert.equal(
      await count(
        t,
        `SELECT 1 FROM email_tokens WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL`,
        [user.id],
      ),
      0,
      'the link sent for the free address is dead too',
    );
    // Asking again for a link tells the owner again and still sends none.
    const resend = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email/resend',
      headers: user.auth,
    });
    assert.equal(resend.statusCode, 202);
    await mailsTo(t, other.email, 3);
    assert.equal(
      await count(t, `SELECT 1 FROM email_tokens WHERE user_id = $1 AND email = $2`, [user.id, other.email]),
      0,
    );
    const { rows } = await t.db.query('SELECT email, pending_email FROM users WHERE id = $1', [user.id]);
    assert.deepEqual(rows[0], { email: user.email, pending_email: other.email });
  });

  test('email changes are capped per account (429) and mails to one address per day (silently)', async () => {
    const user = await signUp(t);
    const targets = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c'), uniqueEmail('d')];
    for (const email of targets.slice(0, 3)) {
      assert.equal((await patch(user.auth, { email, currentPassword: user.password })).statusCode, 200);
    }
    const fourth = await patch(user.auth, { email: targets[3], currentPassword: user.password });
    assert.equal(fourth.statusCode, 429);
    assert.equal(fourth.json().code, 'too_many_email_changes');
    assert.ok(Number(fourth.headers['retry-after']) > 0);
    const { rows } = await t.db.query('SELECT pending_email FROM users WHERE id = $1', [user.id]);
    assert.equal(rows[0].pending_email, targets[2], 'the refused change changed nothing');

    // Many accounts aiming at one victim: five mails a day reach it, whoever sends them.
    const victim = uniqueEmail('victim');
    for (let i = 0; i < 7; i++) {
      const sender = await signUp(t);
      assert.equal(
        (await patch(sender.auth, { email: victim, currentPassword: sender.password })).statusCode,
        200,
      );
    }
    await waitFor(async () => {
      const { rows } = await t.db.query('SELECT hits FROM throttle WHERE key = $1', [
        unsolicitedMailKey(victim),
      ]);
      assert.equal(rows[0]?.hits, 7, 'every mail counted');
    });
    assert.equal((await mailsTo(t, victim, 5)).length, 5);
  });

  test('a name that looks like a link is refused with 400 naming body.name, and nothing changes', async () => {
    const user = await signUp(t);
    for (const name of ['see https://evil.example', 'www.prize', 'win at evil.com']) {
      const response = await patch(user.auth, { name, preferences: { marketingEmails: true } });
      assert.equal(response.statusCode, 400, name);
      assert.equal(response.json().errors[0].field, 'body.name', name);
    }
    const { rows } = await t.db.query('SELECT name, preferences FROM users WHERE id = $1', [user.id]);
    assert.deepEqual(rows[0], { name: 'Ada Lovelace', preferences: {} });
  });

  test('password change: needs the current one, ends the other sessions, keeps this one', async () => {
    const user = await signUp(t);
    const other = await login(t, user.email, user.password);
    const change = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/users/me/password', headers: user.auth, payload });
    const wrong = await change({ currentPassword: 'Not-the-password-9', newPassword: strongPassword() });
    assert.equal(wrong.statusCode, 403);
    const weak = await change({ currentPassword: user.password, newPassword: 'password1234' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().errors[0].field, 'body.newPassword');
    // The policy is judged before the current password is checked (no argon2 work for a weak one).
    const weakAndWrong = await change({ currentPassword: 'Not-the-password-9', newPassword: 'password1234' });
    assert.equal(weakAndWrong.statusCode, 400);
    assert.equal(weakAndWrong.json().code, 'weak_password');
    const newPassword = strongPassword();
    assert.equal((await change({ currentPassword: user.password, newPassword })).statusCode, 204);
    assert.equal((await me(user.auth)).statusCode, 200, 'this session goes on');
    assert.equal(
      (await me({ authorization: `Bearer ${other.accessToken}` })).statusCode,
      401,
      'the other one is over',
    );
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: other.refreshToken },
    });
    assert.equal(refresh.statusCode, 401);
    await login(t, user.email, newPassword);
  });

  test('account deletion: needs the password, erases personal data, emits user.deleted.v1, ends sessions', async () => {
    const user = await signUp(t);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/me/addresses',
      headers: user.auth,
      payload: { name: 'A', line1: 'B 1', city: 'C', postalCode: '1000', country: 'DE' },
    });
    const remove = (password: string) =>
      t.app.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: user.auth, payload: { password } });
    assert.equal((await remove('Not-the-password-9')).statusCode, 403);
    assert.equal(
      await count(t, `SELECT 1 FROM outbox WHERE event_type = 'user.deleted.v1' AND aggregate_id = $1`, [
        user.id,
      ]),
      0,
    );

    const { rows: live } = await t.db.query<{ id: string }>(
      'SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id',
      [user.id],
    );
    assert.ok(live.length > 0);
    assert.equal((await remove(user.password)).statusCode, 204);
    const revoked = await t.db.query(
      `SELECT envelope FROM outbox WHERE event_type = 'user.sessions_revoked.v1' AND aggregate_id = $1`,
      [user.id],
    );
    assert.deepEqual(
      revoked.rows.map((row) => [row.envelope.payload.reason, row.envelope.payload.sessionIds]),
      [['account_deleted', live.map((row) => row.id)]],
      'every service is told to refuse its tokens at once',
    );
    const { rows } = await t.db.query('SELECT email, name, password_hash, status FROM users WHERE id = $1', [
      user.id,
    ]);
    assert.equal(rows[0].status, 'deleted');
    assert.equal(rows[0].password_hash, null);
    assert.ok(!rows[0].email.includes(user.email.split('@')[0]), 'email erased');
    assert.equal(rows[0].name, 'Deleted user');
    assert.equal(await count(t, 'SELECT 1 FROM addresses WHERE user_id = $1', [user.id]), 0);
    const events = await t.db.query(
      `SELECT envelope FROM outbox WHERE event_type = 'user.deleted.v1' AND aggregate_id = $1`,
      [user.id],
    );
    assert.equal(events.rows.length, 1);
    assert.deepEqual(events.rows[0].envelope.payload, { userId: user.id });
    assert.equal((await me(user.auth)).statusCode, 401);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    assert.equal(relogin.statusCode, 401);
    const again = await register(t, { email: user.email });
    assert.notEqual(again.id, user.id, 'the address is free again');
  });
});
