import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  count,
  mailbox,
  register,
  startTestApp,
  strongPassword,
  tokenIn,
  uniqueEmail,
  type TestApp,
} from './test-app.js';

describe('registration', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const post = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });

  test('creates a customer, normalises the email, answers no secrets and writes user.registered.v1', async () => {
    const email = uniqueEmail('Mixed.Case');
    const response = await post({
      email: `  ${email.toUpperCase()} `.trim(),
      password: strongPassword(),
      name: '  Ada   Lovelace ',
    });
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), [
      'createdAt',
      'email',
      'emailVerified',
      'id',
      'name',
      'roles',
    ]);
    assert.equal(body.email, email.toLowerCase());
    assert.equal(body.name, 'Ada Lovelace');
    assert.deepEqual(body.roles, ['customer']);
    assert.equal(body.emailVerified, false);

    const { rows } = await t.db.query('SELECT email, password_hash, roles, status FROM users WHERE id = $1', [
      body.id,
    ]);
    assert.equal(rows[0].email, email.toLowerCase());
    assert.match(rows[0].password_hash, /^\$argon2id\$/);
    const events = await t.db.query(
      `SELECT event_type, aggregate_id, envelope FROM outbox WHERE aggregate_id = $1`,
      [body.id],
    );
    assert.equal(events.rows.length, 1);
    assert.equal(events.rows[0].event_type, 'user.registered.v1');
    assert.deepEqual(events.rows[0].envelope.payload, {
      userId: body.id,
      email: email.toLowerCase(),
      name: 'Ada Lovelace',
    });
  });

  test('the same email in another case is a 409 conflict, and nothing is written', async () => {
    const user = await register(t);
    const before = await count(t, 'SELECT 1 FROM outbox');
    const response = await post({
      email: user.email.toUpperCase(),
      password: strongPassword(),
      name: 'Copy',
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(response.json().code, 'email_taken');
    assert.equal(await count(t, 'SELECT 1 FROM users WHERE email = $1', [user.email]), 1);
    assert.equal(await count(t, 'SELECT 1 FROM outbox'), before);
  });

  test('weak passwords are refused with the field named, and nothing is written', async () => {
    const email = uniqueEmail();
    for (const [password, reason] of [
      ['short1!', /at least 12/],
      ['password1234', /commonly used/],
      ['qwertyuiop123', /./],
      ['aaaaaaaaaaaaaaaa', /repeats/],
      [`${email}1`, /email or name/],
      ['x'.repeat(129), /at most 128/],
    ] as const) {
      const response = await post({ email, password, name: 'Weak' });
      assert.equal(response.statusCode, 400, password);
      const problem = response.json();
      assert.equal(problem.code, 'weak_password');
      assert.equal(problem.errors[0].field, 'body.password');
      assert.match(problem.detail, reason);
    }
    assert.equal(await count(t, 'SELECT 1 FROM users WHERE email = $1', [email]), 0);
    assert.equal(await count(t, `SELECT 1 FROM outbox WHERE envelope->'payload'->>'email' = $1`, [email]), 0);
  });

  test('unknown fields, missing fields and bad emails are 400s naming the field', async () => {
    const unknown = await post({
      email: uniqueEmail(),
      password: strongPassword(),
      name: 'A',
      roles: ['admin'],
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().errors[0].field, 'body.roles');
    const missing = await post({ email: uniqueEmail(), password: strongPassword() });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].field, 'body.name');
    const badEmail = await post({ email: 'not-an-email', password: strongPassword(), name: 'A' });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(badEmail.json().errors[0].field, 'body.email');
    const blankName = await post({ email: uniqueEmail(), password: strongPassword(), name: '   ' });
    assert.equal(blankName.statusCode, 400);
    assert.equal(blankName.json().errors[0].field, 'body.name');
    assert.equal(await count(t, `SELECT 1 FROM users WHERE roles @> '{admin}'`), 0);
  });

  test('sends a verification link that verifies the email once', async () => {
    const user = await register(t);
    const [mail] = await mailbox(t, user.email);
    assert.equal(mail!.subject, 'Confirm your email address');
    assert.ok(mail!.links[0]!.startsWith('https://shop.test/verify-email?token='));
    const token = tokenIn(mail);
    const verify = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    assert.equal((await verify()).statusCode, 204);
    const { rows } = await t.db.query('SELECT email_verified FROM users WHERE id = $1', [user.id]);
    assert.equal(rows[0].email_verified, true);
    const again = await verify();
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().code, 'invalid_token');
  });

  test('the raw verification token is not stored', async () => {
    const user = await register(t);
    const token = tokenIn((await mailbox(t, user.email))[0]);
    const stored = await t.db.query(`SELECT token_hash FROM email_tokens WHERE user_id = $1`, [user.id]);
    assert.equal(stored.rows.length, 1);
    assert.notEqual(stored.rows[0].token_hash.toString('base64url'), token);
    assert.equal(stored.rows[0].token_hash.length, 32);
  });
});
