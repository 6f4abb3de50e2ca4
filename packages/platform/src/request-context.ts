import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync, randomUUID } from 'node:crypto';

/**
 * What crosses service boundaries with a request or an event: its id and its
 * W3C trace context. Kept in AsyncLocalStorage so outgoing calls and outbox
 * writes pick it up without threading it through the domain.
 */
export interface RequestContext {
  requestId: string;
  traceId: string;
  /** The span id of the caller (or of this hop when we started the trace). */
  parentSpanId: string;
  sampled: boolean;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Builds the context of an incoming request or event from its headers. */
export function contextFrom(headers: {
  requestId?: string | undefined;
  traceparent?: string | undefined;
}): RequestContext {
  const match = headers.traceparent ? TRACEPARENT.exec(headers.traceparent) : null;
  const requestId = headers.requestId && isSafeId(headers.requestId) ? headers.requestId : randomUUID();
  if (match && match[1] !== '0'.repeat(32)) {
    return {
      requestId,
      traceId: match[1]!,
      parentSpanId: match[2]!,
      sampled: (Number.parseInt(match[3]!, 16) & 1) === 1,
    };
  }
  return {
    requestId,
    traceId: randomHex(16),
    parentSpanId: randomHex(8),
    sampled: false,
  };
}

/** A traceparent for an outgoing call: same trace, a new span id for this hop. */
export function outgoingTraceparent(
  context: RequestContext | undefined = currentContext(),
): string | undefined {
  if (!context) return undefined;
  return `00-${context.traceId}-${randomHex(8)}-${context.sampled ? '01' : '00'}`;
}

// Ids are cut from a pool of random bytes refilled 4 KiB at a time: one randomBytes call per id
// cost more than the rest of a request's context handling together.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

/** Client-chosen request ids are echoed into logs, so only accept short, plain ones. */
export function isSafeId(value: string): boolean {
  return value.length <= 128 && /^[A-Za-z0-9._:-]+$/.test(value);
}
