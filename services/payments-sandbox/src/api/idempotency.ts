import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StripeError, invalidRequest } from '../domain/stripe-error.js';
import { stateOf } from './request-state.js';
import { presentedKey } from './stripe-auth.js';

/** Stripe keeps idempotency keys for 24 hours. */
const KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a retry waits for the first request with its key before Stripe's 409 "key in use". */
const WAIT_FOR_FIRST_MS = 10_000;

interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  path: string;
  fingerprint: string;
  savedAt: number;
  response: SavedResponse | null;
  settled: Promise<void>;
  settle: () => void;
}

/** First responses by (API key, Idempotency-Key). */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  lookup(scopedKey: string, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(scopedKey);
    if (entry?.response && now - entry.savedAt > KEY_TTL_MS) {
      this.entries.delete(scopedKey);
      return undefined;
    }
    return entry;
  }

  begin(scopedKey: string, path: string, fingerprint: string): Entry {
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const entry: Entry = { path, fingerprint, savedAt: Date.now(), response: null, settled, settle };
    this.entries.set(scopedKey, entry);
    this.prune();
    return entry;
  }

  save(entry: Entry, response: SavedResponse): void {
    entry.response = response;
    entry.savedAt = Date.now();
    entry.settle();
  }

  /** The request ended without an answer to save: the key is free again, as on Stripe. */
  abandon(scopedKey: string, entry: Entry): void {
    if (this.entries.get(scopedKey) === entry) this.entries.delete(scopedKey);
    entry.settle();
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.settle();
    this.entries.clear();
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.savedAt <= KEY_TTL_MS) break; // insertion order: the rest are younger
      if (entry.response) this.entries.delete(key);
    }
  }
}

/**
 * Stripe's idempotency for POSTs: the first response to a key is saved once the
 * endpoint starts executing (validation failures and faults drawn before that are
 * not); a retry with the same parameters replays it, with other parameters or on
 * another endpoint it is an `idempotency_error`; a retry that arrives while the
 * first is running waits for it, so the work is never done twice.
 */
export function registerIdempotency(scope: FastifyInstance, store: IdempotencyStore): void {
  const running = new WeakMap<FastifyRequest, { scopedKey: string; entry: Entry }>();

  scope.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return;
    if (key.length > 255) {
      throw invalidRequest(
        `Idempotency keys can be at most 255 characters long, but the key you provided is ${key.length} characters long.`,
      );
    }
    stateOf(request).idempotencyKey = key;
    reply.header('idempotency-key', key);
    const scopedKey = `${presentedKey(request) ?? ''}\u0000${key}`;
    const path = request.url.split('?')[0]!;
    const fingerprint = canonicalJson(request.body ?? {});
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const entry = store.lookup(scopedKey);
      if (!entry) {
        running.set(request, { scopedKey, entry: store.begin(scopedKey, path, fingerprint) });
        return;
      }
      if (!entry.response) {
        if (!(await settledBefore(entry.settled, deadline))) throw keyInUse(key);
        continue;
      }
      if (entry.path !== path) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.path}' vs '${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (entry.fingerprint !== fingerprint) {
        throw idempotencyError(
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      return reply
        .code(entry.response.status)
        .header('idempotent-replayed', 'true')
        .header('original-request', entry.response.requestId)
        .type('application/json')
        .send(entry.response.body);
    }
  });

  scope.addHook('onSend', async (request, reply, payload) => {
    const run = running.get(request);
    if (!run) return payload;
    running.delete(request);
    store.save(run.entry, {
      status: reply.statusCode,
      body: typeof payload === 'string' ? payload : String(payload),
      requestId: stateOf(request).requestId,
    });
    return payload;
  });

  // Safety net: a request that ended without reaching onSend must not hold its key forever.
  scope.addHook('onResponse', async (request) => {
    const run = running.get(request);
    if (run) store.abandon(run.scopedKey, run.entry);
  });
}

function idempotencyError(message: string): StripeError {
  return new StripeError({ type: 'idempotency_error', message });
}

function keyInUse(key: string): StripeError {
  return invalidRequest(
    `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    { code: 'idempotency_key_in_use' },
  );
}

async function settledBefore(settled: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  const result = await Promise.race([settled.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

/** Parameters compared regardless of the order they were sent in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
