/**
 * Sign-in, re-authentication and mail, attacked through the gateway:
 * (a) a weak-new-password loop on /users/me/password ran a full argon2 check per request with no
 *     429 (~55 checks/s from one account, everyone's login 6× slower);
 * (b) five wrong passwords locked the real owner out for 15 minutes, from any address; (b2) once
 *     that was a per-account delay, guessers spread over addresses could keep it from the owner;
 * (c) registration and email changes answered 409 for a taken address: who is a customer;
 * (d) email changes were unlimited and mailed the attacker's chosen name (URLs allowed);
 * (e) /dev/mailbox answered anyone who could reach the users port.
 * Each test says what it tried and what came back.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import type { Answer, CapturedMail, Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';

const PASSWORD = 'a users attack passphrase 7';
const PER_ACCOUNT_AND_ADDRESS = 5; // LOGIN_MAX_FAILURES_PER_ACCOUNT, the default
const PER_ADDRESS = 50; // LOGIN_MAX_FAILURES_PER_IP, the default
const ACCOUNT_FREE = 20; // LOGIN_ACCOUNT_FREE_FAILURES, the default

const newEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@attack.test`;

async function register(client: Client, email: string, name = 'Customer'): Promise<Answer> {
  return client.call('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, name } });
}

async function logIn(client: Client, email: string, password = PASSWORD): Promise<Answer> {
  return client.call('POST', '/api/v1/auth/login', { body: { email, password } });
}

/** A signed-up customer: registered (any 2xx) and signed in. */
async function customer(client: Client, name: string) {
  const email = newEmail(name);
  const registered = await register(client, email, name);
  assert.ok(registered.status < 300, JSON.stringify(registered.body));
  const login = await logIn(client, email);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  return { email, token: login.body.accessToken as string };
}

/** Mail sent after the answer: waits until `count` have reached the address. */
async function mailsTo(shop: Shop, email: string, count = 1): Promise<CapturedMail[]> {
  return waitFor(async () => {
    const mails = await shop.mailbox(email);
    assert.ok(mails.length >= count, `${count} mail(s) to ${email}`);
    return mails;
  });
}

const tally = (answers: Answer[]) =>
  Object.entries(
    answers.reduce<Record<string, number>>((counts, answer) => {
      const key = `${answer.status}${answer.body?.code ? ` ${answer.body.code}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([key, n]) => `${n}× ${key}`)
    .join(', ');

export const attacks: AttackGroup = {
  name: 'users',
  register(shop) {
    it('(a) a weak-new-password loop on /users/me/password gets 429 after the login budget; another customer still signs in', async (t) => {
      const attacker = asClient(shop(), '192.0.2.10');
      const bystander = asClient(shop(), '192.0.2.11');
      const mallory = await customer(attacker, 'mallory');
      const alice = await customer(bystander, 'alice');

      const loops = 4;
      const perLoop = 10;
      const answers: Answer[] = [];
      const attack = Promise.all(
        Array.from({ length: loops }, async () => {
          for (let i = 0; i < perLoop; i++) {
            answers.push(
              await attacker.call('POST', '/api/v1/users/me/password', {
                token: mallory.token,
                body: { currentPassword: PASSWORD, newPassword: 'password1234' },
              }),
            );
          }
        }),
      );
      const aliceLogin = await logIn(bystander, alice.email);
      await attack;
      tried(
        t,
        `${loops} loops × ${perLoop} password changes to "password1234" with the right current password`,
        tally(answers),
      );
      tried(t, 'alice signs in meanwhile from another address', String(aliceLogin.status));

      assert.equal(aliceLogin.status, 200, 'the other customer signs in');
      const refused = answers.filter((a) => a.status === 429);
      const judged = answers.filter((a) => a.status === 400);
      assert.ok(
        judged.length <= PER_ACCOUNT_AND_ADDRESS,
        `at most the login budget is judged (${judged.length})`,
      );
      assert.equal(refused.length, loops * perLoop - judged.length, 'every other attempt is a 429');
      assert.ok(Number(refused[0]!.headers.get('retry-after')) > 0, 'with Retry-After');
      assert.equal(refused[0]!.body.code, 'too_many_attempts');
    });

    it('(b) 50 wrong logins from one address do not stop the owner elsewhere; the mailed unlock link lets the owner in', async (t) => {
      const attacker = asClient(shop(), '192.0.2.20');
      const ownerAway = asClient(shop(), '192.0.2.21');
      const ownerHome = asClient(shop(), '192.0.2.22');
      const owner = await customer(ownerHome, 'owner');

      const onOwner: Answer[] = [];
      for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS + 3; i++)
        onOwner.push(await logIn(attacker, owner.email, `Guess-${i}-x`));
      const spraying: Answer[] = [];
      for (let i = onOwner.length; i < PER_ADDRESS + 2; i++)
        spraying.push(await logIn(attacker, newEmail('nobody'), `Guess-${i}-x`));
      const away = await logIn(ownerAway, owner.email);
      tried(
        t,
        `${onOwner.length} wrong passwords on the owner's account from ${attacker.address}`,
        tally(onOwner),
      );
      tried(t, `${spraying.length} more on other accounts from the same address`, tally(spraying));
      tried(t, `the owner signs in from ${ownerAway.address}`, String(away.status));
      assert.equal(away.status, 200, 'the attacker does not lock the owner out');
      assert.equal(onOwner.at(-1)!.status, 429, "the attacker's address is blocked on the account");
      assert.equal(spraying.at(-1)!.status, 429, 'and across accounts (spraying)');

      // IPv6: rotating addresses inside one /64 is one client.
      const rotated: Answer[] = [];
      for (let i = 1; i <= PER_ACCOUNT_AND_ADDRESS + 1; i++)
        rotated.push(
          await logIn(asClient(shop(), `2001:db8:77:1::${i.toString(16)}`), owner.email, `Guess-v6-${i}`),
        );
      tried(
        t,
        `${rotated.length} wrong passwords from ${rotated.length} addresses of 2001:db8:77:1::/64`,
        tally(rotated),
      );
      assert.equal(rotated.at(-1)!.status, 429, 'a /64 is counted as one client');

      // The owner mistypes at home until blocked there, then asks for the unlock link.
      for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS; i++) await logIn(ownerHome, owner.email, `Typo-${i}-x`);
      const blocked = await logIn(ownerHome, owner.email);
      const ask = await ownerHome.call('POST', '/api/v1/auth/unlock', { body: { email: owner.email } });
      const askUnknown = await ownerHome.call('POST', '/api/v1/auth/unlock', {
        body: { email: newEmail('ghost') },
      });
      tried(
        t,
        'the owner, blocked at home, asks for an unlock link (and for an unknown address)',
        `${ask.status}, ${askUnknown.status}`,
      );
      assert.equal(blocked.status, 429);
      assert.equal(ask.status, 202);
      assert.deepEqual(
        [askUnknown.status, askUnknown.body],
        [ask.status, ask.body],
        'the same for an unknown address',
      );
      const mail = await waitFor(async () => {
        const found = (await shop().mailbox(owner.email)).find((m) => m.subject.startsWith('Sign in again'));
        assert.ok(found, 'the unlock mail arrived');
        return found;
      });
      const link = new URL(mail.links[0]!);
      assert.equal(link.pathname, '/unlock');
      assert.equal(link.search, '', 'no token in the query');
      const token = new URLSearchParams(link.hash.slice(1)).get('token');
      const confirmed = await ownerHome.call('POST', '/api/v1/auth/unlock/confirm', { body: { token } });
      const home = await logIn(ownerHome, owner.email);
      const reused = await ownerHome.call('POST', '/api/v1/auth/unlock/confirm', { body: { token } });
      tried(
        t,
        `the link ${link.origin}${link.pathname}#token=…, then sign in at home`,
        `${confirmed.status}, ${home.status}`,
      );
      assert.equal(confirmed.status, 204);
      assert.equal(home.status, 200, 'the owner is in');
      assert.equal(reused.status, 400, 'the link works once');
    });

    it('(b2) guessers on many addresses space the account out, but not for the owner where the owner signed in lately', async (t) => {
      const ownerHome = asClient(shop(), '198.18.0.1');
      const ownerNew = asClient(shop(), '198.18.0.2');
      const owner = await customer(ownerHome, 'spaced');
      const guesses: Answer[] = [];
      // Each address stays under its own budgets; together they pass the account's free attempts.
      for (let i = 0; i < ACCOUNT_FREE + 6; i++)
        guesses.push(await logIn(asClient(shop(), `198.18.1.${i + 1}`), owner.email, `Guess-${i}-x`));
      const elsewhere = await logIn(ownerNew, owner.email);
      const home = await logIn(ownerHome, owner.email);
      tried(t, `${guesses.length} wrong passwords on one account from as many addresses`, tally(guesses));
      tried(t, 'the owner from a new address, then from home', `${elsewhere.status}, ${home.status}`);
      assert.equal(guesses.at(-1)!.status, 429, 'past the free attempts, guesses wait their turn');
      assert.equal(elsewhere.status, 429, 'a new address waits too (an unlock link clears it)');
      assert.equal(home.status, 200, 'where the owner signed in lately, no wait');
    });

    it('(c) registering a taken email answers exactly like a new one; an email change to a taken address too; the owner is told', async (t) => {
      const client = asClient(shop(), '192.0.2.30');
      const owner = await customer(asClient(shop(), '192.0.2.31'), 'taken');
      const fresh = newEmail('fresh');
      const free = await register(client, fresh, 'Probe');
      const taken = await register(client, owner.email, 'Probe');
      const headers = (a: Answer) =>
        ['content-type', 'location', 'retry-after']
          .map((name) => `${name}: ${a.headers.get(name)}`)
          .join('; ');
      tried(t, 'register a new address', `${free.status} ${JSON.stringify(free.body)} (${headers(free)})`);
      tried(
        t,
        'register a taken address',
        `${taken.status} ${JSON.stringify(taken.body)} (${headers(taken)})`,
      );
      assert.equal(taken.status, free.status);
      assert.equal(taken.status, 202);
      assert.deepEqual(Object.keys(taken.body).sort(), Object.keys(free.body).sort());
      assert.deepEqual(taken.body, { ...free.body, email: owner.email });
      assert.equal(headers(taken), headers(free));
      const notice = (await mailsTo(shop(), owner.email, 2)).find((m) =>
        m.subject.startsWith('Someone tried'),
      );
      assert.ok(notice, 'the owner is told someone tried');

      const mover = await customer(client, 'mover');
      const toFree = await client.call('PATCH', '/api/v1/users/me', {
        token: mover.token,
        body: { email: newEmail('elsewhere'), currentPassword: PASSWORD },
      });
      const toTaken = await client.call('PATCH', '/api/v1/users/me', {
        token: mover.token,
        body: { email: owner.email, currentPassword: PASSWORD },
      });
      tried(
        t,
        'change the email to a free address, then to a taken one',
        `${toFree.status}, ${toTaken.status}`,
      );
      assert.equal(toTaken.status, 200, JSON.stringify(toTaken.body));
      assert.deepEqual(Object.keys(toTaken.body).sort(), Object.keys(toFree.body).sort());
      assert.equal(toTaken.body.pendingEmail, owner.email);
      const told = await waitFor(async () => {
        const found = (await shop().mailbox(owner.email)).find(
          (m) => m.subject === 'Someone asked to use your address',
        );
        assert.ok(found, 'the owner of the taken address is told');
        return found;
      });
      assert.deepEqual(told.links, [], 'and sent nothing that could complete the change');
    });

    it('(d) email-change loops hit their caps, and mails carry no text or link the attacker chose', async (t) => {
      const attacker = asClient(shop(), '192.0.2.40');
      const mallory = await customer(attacker, 'mallory');
      const urlName = await attacker.call('PATCH', '/api/v1/users/me', {
        token: mallory.token,
        body: { name: 'Claim your prize at https://evil.example' },
      });
      const urlRegistration = await register(attacker, newEmail('spam'), 'Visit evil.example now');
      tried(t, 'a name with a URL (profile, registration)', `${urlName.status}, ${urlRegistration.status}`);
      assert.equal(urlName.status, 400);
      assert.equal(urlName.body.errors[0].field, 'body.name');
      assert.equal(urlRegistration.status, 400);

      const renamed = await attacker.call('PATCH', '/api/v1/users/me', {
        token: mallory.token,
        body: { name: 'Mallory Evilcorp' },
      });
      assert.equal(renamed.status, 200);
      const victims = Array.from({ length: 6 }, () => newEmail('victim'));
      const changes: Answer[] = [];
      for (const email of victims) {
        changes.push(
          await attacker.call('PATCH', '/api/v1/users/me', {
            token: mallory.token,
            body: { email, currentPassword: PASSWORD },
          }),
        );
      }
      tried(t, `${changes.length} email changes from one account`, tally(changes));
      assert.ok(
        changes.some((a) => a.status === 429),
        'the account is capped',
      );
      assert.ok(changes.filter((a) => a.status === 200).length <= 3);
      const first = (await mailsTo(shop(), victims[0]!))[0]!;
      tried(t, 'the mail to the first victim', JSON.stringify(first.text.slice(0, 80)));
      assert.doesNotMatch(first.text, /Mallory|Evilcorp/, 'no name to an address not confirmed');
      const gateway = new URL(shop().stack.gatewayUrl).origin;
      for (const link of first.links)
        assert.equal(new URL(link).origin, gateway, `only the shop's own links: ${link}`);

      // Many accounts aiming at one address: a bounded number of mails reaches it.
      const target = newEmail('target');
      const senders = await Promise.all(
        Array.from({ length: 8 }, (_, i) => customer(asClient(shop(), `192.0.2.${50 + i}`), `sender${i}`)),
      );
      const aimed: Answer[] = [];
      for (const [i, sender] of senders.entries()) {
        aimed.push(
          await asClient(shop(), `192.0.2.${50 + i}`).call('PATCH', '/api/v1/users/me', {
            token: sender.token,
            body: { email: target, currentPassword: PASSWORD },
          }),
        );
      }
      const reached = await mailsTo(shop(), target, 5);
      tried(
        t,
        `${aimed.length} accounts change their email to one address`,
        `${tally(aimed)}; mails reached it: ${reached.length}`,
      );
      assert.ok(
        aimed.every((a) => a.status === 200),
        'each answered like any change',
      );
      assert.equal(reached.length, 5, 'five unsolicited mails a day reach an address, no more');
    });

    it('(e) /dev/mailbox through the gateway is a 404; directly from loopback it works, but not when proxied', async (t) => {
      const someone = await customer(asClient(shop(), '192.0.2.60'), 'reader');
      const path = `/dev/mailbox?to=${encodeURIComponent(someone.email)}`;
      const viaGateway = await shop().call('GET', path);
      const direct = await fetch(`${shop().stack.urls.users}${path}`);
      const forwarded = await fetch(`${shop().stack.urls.users}${path}`, {
        headers: { 'x-forwarded-for': '198.51.100.1' },
      });
      tried(
        t,
        'GET /dev/mailbox through the gateway, straight to users, straight with X-Forwarded-For',
        `${viaGateway.status}, ${direct.status}, ${forwarded.status}`,
      );
      assert.equal(viaGateway.status, 404);
      assert.equal(direct.status, 200);
      assert.equal(forwarded.status, 404, 'a request that came through a proxy is refused');
      assert.match(forwarded.headers.get('content-type') ?? '', /application\/problem\+json/);
    });
  },
};
