import { createHash } from 'node:crypto';
import { IdempotencyKeyInProgress, IdempotencyKeyReused } from './errors.js';
import type { Clock } from './ports.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRecord {
  state: 'in_progress' | 'completed';
  fingerprint: string;
  lockedUntil: Date | null;
  orderId: string | null;
  response: StoredResponse | null;
}

/**
 * `holder` is a fencing token, new for each request that runs under a key: a request that stalled
 * past its lock while another took the key over no longer holds it, and what it then tries to
 * write under the key (its order, or forgetting the key) is refused.
 */
export interface IdempotencyKeys {
  /** Inserts the key, in progress and locked for `seconds`; false when the key exists. */
  begin(userId: string, key: string, fingerprint: string, seconds: number, holder: string): Promise<boolean>;
  find(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Takes over a key whose holder died before creating an order (lock expired, no order). */
  takeOver(userId: string, key: string, seconds: number, holder: string): Promise<boolean>;
  complete(userId: string, key: string, response: StoredResponse): Promise<void>;
  /** The holder's request failed before an order existed: the same key may run again. */
  forget(userId: string, key: string, holder: string): Promise<void>;
}

/** The request's identity: the same key must come with the same body (canonical JSON, sha-256). */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type KeyOutcome =
  { kind: 'replay'; response: StoredResponse } | { kind: 'resume'; orderId: string } | { kind: 'run' };

/**
 * Stripe's rules for a key that already exists: a different body is refused (422); a finished
 * request is replayed; one in progress is waited for (up to `waitMs`, then 409 "in progress");
 * one whose holder died is resumed from its order, or run again when it had made none.
 */
export async function settleExistingKey(
  keys: IdempotencyKeys,
  userId: string,
  key: string,
  fingerprint: string,
  options: {
    waitMs: number;
    lockSeconds: number;
    holder: string;
    /** What a key's lock is compared with (the wait for a busy key is real time regardless). */
    clock: Clock;
  },
): Promise<KeyOutcome> {
  const deadline = Date.now() + options.waitMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
    const record = await keys.find(userId, key);
    if (!record) {
      // Forgotten meanwhile (its request failed early): this one may run.
      if (await keys.begin(userId, key, fingerprint, options.lockSeconds, options.holder))
        return { kind: 'run' };
      continue;
    }
    if (record.fingerprint !== fingerprint) {
      throw new IdempotencyKeyReused(
        'Use a new Idempotency-Key for a different order; the key identifies one request.',
      );
    }
    if (record.state === 'completed' && record.response) return { kind: 'replay', response: record.response };
    const lockExpired = !record.lockedUntil || record.lockedUntil.getTime() <= options.clock().getTime();
    if (lockExpired) {
      if (record.orderId) return { kind: 'resume', orderId: record.orderId };
      if (await keys.takeOver(userId, key, options.lockSeconds, options.holder)) return { kind: 'run' };
    }
    if (Date.now() >= deadline) {
      throw new IdempotencyKeyInProgress({
        detail: 'The first request with this key has not finished; retry shortly with the same key.',
        retryAfterSeconds: 1,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
