import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, runMigrations, type Pool } from '@shop/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@shop/platform/testing';
import type { CapturedMail } from '../../src/adapters/capture-mailer.js';
import { buildApp, type AppDeps, type UsersApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { MIGRATIONS_DIR } from '../../src/data/database.js';

export interface UsersUnderTest {
  service: UsersApp;
  app: UsersApp['app'];
  /** A pool on the service's database, to check what was (and was not) written. */
  db: Pool;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

export interface UsersUnderTestOptions {
  env?: Record<string, string>;
  overrides?: AppDeps;
  /** Start the outbox relay and the bus (a bus database of its own). */
  withBus?: boolean;
  /** Reuse a data dir (keys, avatars, mail) and a database, e.g. to restart the service. */
  dataDir?: string;
  database?: TestDatabase;
  /** A bus database shared with other services of the test (implies withBus). */
  bus?: TestDatabase;
}

/** The user service on a fresh database, with argon2 made cheap (production keeps OWASP). */
export async function startUsers(options: UsersUnderTestOptions = {}): Promise<UsersUnderTest> {
  const database = options.database ?? (await createTestDatabase('users'));
  const withBus = options.withBus || options.bus !== undefined;
  const ownBus = options.withBus && !options.bus ? await createTestDatabase('users_bus') : undefined;
  const bus = options.bus ?? ownBus;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'users-test-')));
  const config = loadConfig({
    DATABASE_URL: database.url,
    BUS_URL: bus?.url ?? 'postgres://unused/bus',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    ARGON2_MEMORY_KIB: '256',
    ARGON2_ITERATIONS: '1',
    PUBLIC_URL: 'https://shop.test',
    OUTBOX_SWEEP_MS: '100',
    DEV_ROUTES: 'true',
    ...options.env,
  });
  const db = createPool({ connectionString: database.url, max: 2 });
  await runMigrations(db, MIGRATIONS_DIR);
  const service = await buildApp(config, options.overrides);
  if (withBus) await service.start();
  return {
    service,
    app: service.app,
    db,
    config,
    dataDir,
    async close() {
      await service.app.close();
      await service.stop();
      await db.end();
      if (!options.database) await database.drop();
      await ownBus?.drop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const strongPassword = () => `Tr7$-${randomBytes(8).toString('hex')}`;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomBytes(5).toString('hex')}@example.com`;

export interface SignedUp {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

export async function register(
  t: UsersUnderTest,
  input: { email?: string; password?: string; name?: string } = {},
) {
  const body = {
    email: input.email ?? uniqueEmail(),
    password: input.password ?? strongPassword(),
    name: input.name ?? 'Ada Lovelace',
  };
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
  assert.equal(response.statusCode, 202, response.body);
  // The answer names no account (it is the same for a taken address): the test reads the row.
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    body.email.trim().toLowerCase(),
  ]);
  assert.ok(rows[0], 'the account was created');
  return { ...body, id: rows[0].id };
}

export async function login(t: UsersUnderTest, email: string, password: string, remoteAddress?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ accessToken: string; refreshToken: string; expiresIn: number; tokenType: string }>();
}

/** Registers and signs in; `auth` is the header to send. */
export async function signUp(
  t: UsersUnderTest,
  input: { email?: string; name?: string } = {},
): Promise<SignedUp> {
  const user = await register(t, input);
  const tokens = await login(t, user.email, user.password);
  return { ...user, ...tokens, auth: { authorization: `Bearer ${tokens.accessToken}` } };
}

/** An account with these roles (set in the database: test setup, not the feature), signed in. */
export async function signUpAs(t: UsersUnderTest, roles: string[]): Promise<SignedUp> {
  const user = await register(t);
  await t.db.query('UPDATE users SET roles = $2 WHERE id = $1', [user.id, roles]);
  const tokens = await login(t, user.email, user.password);
  return { ...user, ...tokens, auth: { authorization: `Bearer ${tokens.accessToken}` } };
}

export async function mailbox(t: UsersUnderTest, email: string): Promise<CapturedMail[]> {
  const response = await t.app.inject({ method: 'GET', url: `/dev/mailbox?to=${encodeURIComponent(email)}` });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<{ items: CapturedMail[] }>().items;
}

/** The token of the link in a captured mail: in the fragment (`#token=…`), which no server sees. */
export function tokenIn(mail: CapturedMail | undefined): string {
  assert.ok(mail, 'a mail was captured');
  const link = mail.links[0];
  assert.ok(link, 'the mail has a link');
  const url = new URL(link);
  assert.equal(url.search, '', 'no token in the query');
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  assert.ok(token, 'the fragment holds the token');
  return token;
}

/** Mail sent after the answer (registration, email changes): waits until `count` have arrived. */
export async function mailsTo(t: UsersUnderTest, email: string, count = 1): Promise<CapturedMail[]> {
  return waitFor(async () => {
    const mails = await mailbox(t, email);
    assert.ok(mails.length >= count, `${count} mail(s) to ${email}`);
    return mails;
  });
}

export async function count(t: UsersUnderTest, sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`, values);
  return rows[0]!.n;
}

/** Plain code-unit order, as PostgreSQL orders UUIDs and ISO timestamps (localeCompare ignores '-'). */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
