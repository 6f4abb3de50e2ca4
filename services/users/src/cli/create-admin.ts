/**
 * Creates the first admin, or makes an existing account admin.
 *
 *   DATABASE_URL=postgres://… ADMIN_PASSWORD=… \
 *     node --conditions=source --import tsx services/users/src/cli/create-admin.ts --email owner@example.com [--name "Ada"]
 *   … create-admin.ts --email owner@example.com --password-stdin < password.txt
 *   … create-admin.ts --email someone@example.com --promote      (an existing account; no password needed)
 *
 * The password never goes on the command line (shell history, process list).
 */
import { parseArgs } from 'node:util';
import { Type } from 'typebox';
import { AppError, createOutbox, createPool, loadConfig, runMigrations } from '@shop/platform';
import { createArgon2Hasher } from '../adapters/argon2-hasher.js';
import { ConfigSchema } from '../config.js';
import { MIGRATIONS_DIR, createDatabase } from '../data/database.js';
import { FirstAdmin } from '../domain/first-admin.js';
import type { PasswordHasher } from '../domain/passwords.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    promote: { type: 'boolean', default: false },
    'password-stdin': { type: 'boolean', default: false },
  },
});

class UsageError extends Error {}

async function main(email: string): Promise<number> {
  const env = loadConfig(
    Type.Pick(ConfigSchema, [
      'DATABASE_URL',
      'ADMIN_PASSWORD',
      'ARGON2_MEMORY_KIB',
      'ARGON2_ITERATIONS',
      'ARGON2_PARALLELISM',
    ]),
  );
  const pool = createPool({
    connectionString: env.DATABASE_URL,
    max: 2,
    applicationName: 'users-create-admin',
  });
  try {
    await runMigrations(pool, MIGRATIONS_DIR);
    const db = createDatabase(pool, createOutbox('users'));
    if (values.promote) {
      const outcome = await new FirstAdmin({ users: db.users, db, passwords: noPasswords }).promoteExisting(
        email,
      );
      console.log(outcome === 'promoted' ? `${email} is now an admin.` : `${email} already is an admin.`);
      return 0;
    }
    const password = values['password-stdin'] ? await firstLineOfStdin() : env.ADMIN_PASSWORD;
    if (!password)
      throw new UsageError('give the password in ADMIN_PASSWORD or on stdin with --password-stdin');
    const passwords = await createArgon2Hasher({
      memoryKiB: env.ARGON2_MEMORY_KIB,
      iterations: env.ARGON2_ITERATIONS,
      parallelism: env.ARGON2_PARALLELISM,
    });
    const outcome = await new FirstAdmin({ users: db.users, db, passwords }).ensure({
      email,
      password,
      ...(values.name ? { name: values.name } : {}),
    });
    const messages = {
      created: `Admin ${email} created.`,
      'already-admin': `${email} already is an admin; nothing changed.`,
      promoted: `${email} had that password and is now an admin.`,
      refused: `${email} belongs to an account with another password; use --promote to make it admin anyway.`,
    };
    console.log(messages[outcome]);
    return outcome === 'refused' ? 1 : 0;
  } finally {
    await pool.end();
  }
}

/** --promote checks no password: the hasher is never asked (and argon2 is not loaded). */
const noPasswords: PasswordHasher = {
  hash: () => Promise.reject(new Error('no password is hashed by --promote')),
  verify: () => Promise.reject(new Error('no password is checked by --promote')),
  needsRehash: () => false,
};

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

// No process.exit(): output written to a pipe must get out before the process ends.
try {
  if (!values.email) throw new UsageError('--email is required');
  process.exitCode = await main(values.email);
} catch (error) {
  const detail =
    error instanceof AppError
      ? (error.detail ?? error.title)
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`create-admin: ${detail}`);
  process.exitCode = 1;
}
