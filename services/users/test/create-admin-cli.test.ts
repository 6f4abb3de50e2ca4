import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  count,
  register,
  startUsers,
  strongPassword,
  uniqueEmail,
  type UsersUnderTest,
} from './support/users-under-test.js';

const CLI = fileURLToPath(new URL('../src/cli/create-admin.ts', import.meta.url));

describe('create-admin CLI', () => {
  let t: UsersUnderTest;
  before(async () => {
    t = await startUsers();
  });
  after(() => t.close());

  function run(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CLI, ...args], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: t.config.DATABASE_URL,
        ARGON2_MEMORY_KIB: '256',
        ARGON2_ITERATIONS: '1',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.stdin.end(options.stdin ?? '');
    return new Promise<{ code: number | null; output: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, output })),
    );
  }

  test('creates an admin from a password on stdin, idempotently', async () => {
    const email = uniqueEmail('root');
    const first = await run(['--email', email, '--name', 'Owner', '--password-stdin'], {
      stdin: `${strongPassword()}\n`,
    });
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /created/);
    const again = await run(['--email', email, '--password-stdin'], { stdin: strongPassword() });
    assert.equal(again.code, 0, again.output);
    assert.match(again.output, /already is an admin/);
    assert.equal(
      await count(t, `SELECT 1 FROM users WHERE email = $1 AND roles = '{admin}' AND name = 'Owner'`, [
        email,
      ]),
      1,
    );
  });

  test('refuses a weak password and an existing account with another password; --promote vouches', async () => {
    const weak = await run(['--email', uniqueEmail()], { env: { ADMIN_PASSWORD: 'password1234' } });
    assert.equal(weak.code, 1);
    assert.match(weak.output, /commonly used/);
    const user = await register(t);
    const refused = await run(['--email', user.email], { env: { ADMIN_PASSWORD: strongPassword() } });
    assert.equal(refused.code, 1);
    assert.match(refused.output, /--promote/);
    const promoted = await run(['--email', user.email, '--promote']);
    assert.equal(promoted.code, 0, promoted.output);
    assert.equal(await count(t, `SELECT 1 FROM users WHERE id = $1 AND 'admin' = ANY(roles)`, [user.id]), 1);
  });
});
