import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { unsolicitedMailKey } from '../src/domain/mail-budget.js';
import {
  count,
  login,
  mailsTo,
  register,
  startUsers,
  strongPassword,
  tokenIn,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

describe('registration', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  const post = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });

  test('creates a customer, normalises the email, answers no id and writes user.registered.v1', async () => {
    const email = uniqueEmail('Mixed.Case');
    const response = await post({
      email: `  ${email.toUpperCase()} `.trim(),
      password: strongPassword(),
      name: '  Ada   Lovelace ',
    });
    assert.equal(response.statusCode, 202, response.body);
    assert.deepEqual(response.json(), { status: 'pending_verification', email: email.toLowerCase() });

    const { rows } = await t.db.query(
      'SELECT id, email, name, password_hash, roles, status, email_verified FROM users WHERE email = $1',
      [email.toLowerCase()],
    );
    assert.equal(rows.length, 1);
    const id = rows[0].id;
    assert.equal(rows[0].name, 'Ada Lovelace');
    assert.match(rows[0].password_hash, /^\$argon2id\$/);
    assert.deepEqual(rows[0].roles, ['customer']);
    assert.equal(rows[0].email_verified, false);
    const events = await t.db.query(
      `SELECT event_type, aggregate_id, envelope FROM outbox WHERE aggregate_id = $1`,
      [id],
    );
    assert.equal(events.rows.length, 1);
    assert.equal(events.rows[0].event_type, 'user.registered.v1');
    assert.deepEqual(events.rows[0].envelope.payload, {
      userId: id,
      email: email.toLowerCase(),
      name: 'Ada Lovelace',
    });
  });

  test('a new account can sign in at once and learns its id from /users/me', async () => {
    const email = uniqueEmail();
    const password = strongPassword();
    assert.equal((await post({ email, password, name: 'Ada' })).statusCode, 202);
    const tokens = await login(t, email, password);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, email);
  });

  test('a taken email (in any case) is answered exactly like a free one; the owner is told, nothing is written', async () => {
    const owner = await register(t);
    await mailsTo(t, owner.email);
    const before = await count(t, 'SELECT 1 FROM outbox');
    const fresh = uniqueEmail();
    const free = await post({ email: fresh, password: strongPassword(), name: 'Copy' });
    const afterFree = await count(t, 'SELECT 1 FROM outbox');
    const taken = await post({ email: owner.email.toUpperCase(), password: strongPassword(), name: 'Copy' });
    assert.equal(taken.statusCode, free.statusCode);
    assert.equal(taken.statusCode, 202);
    assert.deepEqual(Object.keys(taken.json()), Object.keys(free.json()));
    assert.deepEqual(taken.json(), { status: 'pending_verification', email: owner.email });
    assert.equal(taken.headers['content-type'], free.headers['content-type']);
    assert.equal(taken.headers.location, undefined);
    assert.ok(!taken.body.includes(owner.id), 'the existing account is not named');

    assert.equal(await count(t, 'SELECT 1 FROM users WHERE email = $1', [owner.email]), 1);
    const { rows } = await t.db.query('SELECT name, password_hash FROM users WHERE id = $1', [owner.id]);
    assert.equal(rows[0].name, 'Ada Lovelace', 'the account is untouched');
    assert.equal(await count(t, 'SELECT 1 FROM outbox'), afterFree, 'no event for the taken address');
    assert.equal(afterFree, before + 1, 'one for the free one');
    const notice = (await mailsTo(t, owner.email, 2))[0]!;
    assert.equal(notice.subject, 'Someone tried to register with your address');
    assert.doesNotMatch(notice.text, /Copy/, 'nothing the other person typed');
    assert.deepEqual(notice.links, ['https://shop.test/forgot-password']);
    assert.equal((await mailsTo(t, fresh))[0]!.subject, 'Confirm your email address');
  });

  test('an address gets at most five unsolicited mails a day, however often someone registers it', async () => {
    const owner = await register(t);
    for (let i = 0; i < 8; i++) {
      const again = await post({ email: owner.email, password: strongPassword(), name: 'Copy' });
      assert.equal(again.statusCode, 202);
    }
    // Every mail owed after an answer has been counted against the address's budget…
    await waitFor(async () => {
      const { rows } = await t.db.query('SELECT hits FROM throttle WHERE key = $1', [
        unsolicitedMailKey(owner.email),
      ]);
      assert.equal(rows[0]?.hits, 9, 'one verification link and eight notices counted');
    });
    // …and the five within it sent: the link and four notices, no more.
    const mails = await mailsTo(t, owner.email, 5);
    assert.equal(mails.length, 5);
    assert.equal(mails.filter((m) => m.subject.startsWith('Someone tried')).length, 4);
  });

  test('names that look like links are refused with 400 naming body.name, and nothing is written', async () => {
    for (const name of [
      'Visit https://evil.example',
      'ftp://files',
      'www.evil',
      'evil.com',
      'Ada from bit.ly',
      'Claim at prizes.co.uk now',
      'Ada ｅｖｉｌ．ｃｏｍ',
    ]) {
      const email = uniqueEmail();
      const response = await post({ email, password: strongPassword(), name });
      assert.equal(response.statusCode, 400, name);
      assert.equal(response.json().code, 'invalid_name', name);
      assert.equal(response.json().errors[0].field, 'body.name', name);
      assert.equal(await count(t, 'SELECT 1 FROM users WHERE email = $1', [email]), 0, name);
    }
    for (const name of ['Ada Lovelace', 'J. R. R. Tolkien', 'Dr. Smith', "Robert'); DROP", 'Zoë 3.0']) {
      assert.equal(
        (await post({ email: uniqueEmail(), password: strongPassword(), name })).statusCode,
        202,
        name,
      );
    }
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

  test('sends a verification link, token in the fragment and no name, that verifies the email once', async () => {
    const user = await register(t, { name: 'Mallory the Great' });
    const [mail] = await mailsTo(t, user.email);
    assert.equal(mail!.subject, 'Confirm your email address');
    assert.ok(mail!.links[0]!.startsWith('https://shop.test/verify-email#token='));
    assert.doesNotMatch(mail!.text, /Mallory/, 'an address not confirmed gets no text its registrant chose');
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
    const token = tokenIn((await mailsTo(t, user.email))[0]);
    const stored = await t.db.query(`SELECT token_hash FROM email_tokens WHERE user_id = $1`, [user.id]);
    assert.equal(stored.rows.length, 1);
    assert.notEqual(stored.rows[0].token_hash.toString('base64url'), token);
    assert.equal(stored.rows[0].token_hash.length, 32);
  });
});
