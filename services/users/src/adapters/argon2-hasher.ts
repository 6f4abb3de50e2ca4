import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/passwords.js';

export interface Argon2Parameters {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

// @node-rs/argon2's Algorithm is a const enum, which isolatedModules cannot read; 2 is Argon2id.
const ARGON2ID = 2;

/**
 * argon2id (OWASP: 19 MiB, 2 iterations, 1 lane by default). Passwords are NFKC-normalised
 * first, as NIST 800-63B asks, so the same password typed on another keyboard still matches.
 */
export async function createArgon2Hasher(parameters: Argon2Parameters): Promise<PasswordHasher> {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: parameters.memoryKiB,
    timeCost: parameters.iterations,
    parallelism: parameters.parallelism,
  };
  const hashPassword = (password: string) => hash(password.normalize('NFKC'), options);
  // Checked when the account is unknown, so that case costs one real verification too.
  const dummy = await hashPassword('not a real password, only a timing equaliser');
  return {
    hash: hashPassword,
    async verify(stored, password) {
      try {
        const matches = await verify(stored ?? dummy, password.normalize('NFKC'));
        return stored !== null && matches;
      } catch {
        return false; // a malformed stored hash never matches
      }
    },
    needsRehash(stored) {
      try {
        const used = parseOptions(stored);
        return (
          used.algorithm !== ARGON2ID ||
          used.memoryCost < options.memoryCost ||
          used.timeCost < options.timeCost ||
          used.parallelism !== options.parallelism
        );
      } catch {
        return true;
      }
    },
  };
}
