/**
 * A logout, a password change and a disabled account end the session's access tokens on every
 * replica of every service within seconds, not when they expire: each instance of users, products
 * and orders is asked directly (not through the gateway, which would pick one) with the token.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PASSWORD, registerCustomer, type Customer } from './customers.js';
import { api } from './api.js';
import type { Shop } from './shop.js';

/** A route of each service that reads the caller's token (an ended session is a 401 there). */
const PROBES = {
  users: () => '/api/v1/users/me',
  orders: () => '/api/v1/orders',
  // Reviews of any product: an optional user, so an unknown product still answers 200 or 404,
  // and only an ended session (or a bad token) is a 401.
  products: () => `/api/v1/products/${randomUUID()}/reviews`,
} as const;
type Probed = keyof typeof PROBES;

async function statusOn(
  instance: string,
  path: string,
  token: string,
): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${instance}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: response.status, ...(code ? { code } : {}) };
}

/** Every instance of users, products and orders, with what it answers to `token`. */
async function everyInstance(shop: Shop, token: string) {
  const answers: { service: Probed; instance: string; status: number; code?: string }[] = [];
  for (const service of Object.keys(PROBES) as Probed[]) {
    for (const instance of shop.stack.instances[service] ?? []) {
      answers.push({ service, instance, ...(await statusOn(instance, PROBES[service](), token)) });
    }
  }
  return answers;
}

async function acceptedEverywhere(shop: Shop, token: string, what: string) {
  const answers = await everyInstance(shop, token);
  assert.ok(answers.length >= 6, `at least two instances of each service (${answers.length})`);
  for (const answer of answers)
    assert.notEqual(
      answer.status,
      401,
      `${what}: ${answer.service} at ${answer.instance} took the token before`,
    );
}

/** Polls every instance until each refuses the token (401 session_ended); answers how long that took. */
async function refusedEverywhere(
  shop: Shop,
  token: string,
  what: string,
  timeoutMs = 15_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const answers = await everyInstance(shop, token);
    const still = answers.filter((answer) => answer.status !== 401 || answer.code !== 'session_ended');
    if (still.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      assert.fail(
        `${what}: still accepted after ${timeoutMs} ms by ${still.map((a) => `${a.service} ${a.instance} (${a.status})`).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function session(shop: Shop, email: string, password = PASSWORD) {
  const login = await api(shop, 'post', '/api/v1/auth/login', { body: { email, password }, expect: 200 });
  return login.body;
}

export async function checkRevocationsOnEveryReplica(shop: Shop, adminToken: string): Promise<void> {
  const customer: Customer = await registerCustomer(shop, 'Revoked');

  // Logout: the refresh token's session ends, and its access token with it.
  const loggedOut = await session(shop, customer.email);
  await acceptedEverywhere(shop, loggedOut.accessToken, 'logout');
  const logout = await api(shop, 'post', '/api/v1/auth/logout', {
    body: { refreshToken: loggedOut.refreshToken },
  });
  assert.equal(logout.status, 204);
  const afterLogout = await refusedEverywhere(shop, loggedOut.accessToken, 'logout');

  // A password change ends every other session of the account.
  const other = await session(shop, customer.email);
  await acceptedEverywhere(shop, other.accessToken, 'password change');
  const newPassword = `${PASSWORD} changed`;
  await api(shop, 'post', '/api/v1/users/me/password', {
    token: customer.token,
    body: { currentPassword: PASSWORD, newPassword },
    expect: 204,
  });
  const afterChange = await refusedEverywhere(shop, other.accessToken, 'password change');

  // Disabling the account ends all of its sessions.
  const last = await session(shop, customer.email, newPassword);
  await acceptedEverywhere(shop, last.accessToken, 'disable');
  await api(shop, 'patch', '/api/v1/users/{id}', {
    token: adminToken,
    params: { id: customer.id },
    body: { disabled: true },
    expect: 200,
  });
  const afterDisable = await refusedEverywhere(shop, last.accessToken, 'disable');

  const instances = (Object.keys(PROBES) as Probed[]).map((s) => `${shop.stack.instances[s]?.length} ${s}`);
  console.log(
    `token refused on every instance (${instances.join(', ')}): ${afterLogout} ms after logout, ` +
      `${afterChange} ms after a password change, ${afterDisable} ms after the account was disabled`,
  );
}
