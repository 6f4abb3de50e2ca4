import type { IncomingMessage } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { tooLarge, WHOLE_BODY_LIMIT } from './body-limit.js';
import { BodyTimeout } from './errors.js';

/** The client went away before its body was complete: there is nobody left to answer. */
export class ClientGone extends Error {}

export interface BodyLimits {
  /** Bytes the body may have. */
  maxBytes: number;
  /** The body may pause this long between two chunks before it is refused (408). */
  idleMs: number;
}

/**
 * What goes upstream as the body of a forwarded request (its declared size already checked
 * against the limit): none; a small declared one read whole, so the upstream request is one
 * write and a slow client never holds an upstream connection; or a stream through the limit
 * for large and chunked ones. Either way a body that stalls for `idleMs` is refused: a client
 * sending a byte now and then must not hold a connection to a service (the whole request is also
 * bounded by the server's request timeout).
 */
export async function requestBody(
  raw: IncomingMessage,
  limits: BodyLimits,
): Promise<Buffer | Readable | null> {
  const declared = Number(raw.headers['content-length'] ?? 0);
  const chunked = raw.headers['transfer-encoding'] !== undefined;
  if (!chunked && declared === 0) return null;
  if (!chunked && declared <= WHOLE_BODY_LIMIT) return readWhole(raw, declared, limits.idleMs);
  return streamed(raw, limits);
}

/**
 * The body passed on as it comes, through the limit. When the limit refuses it, the rest is read
 * and dropped rather than the connection cut, so the client reads the 413 instead of a broken pipe
 * (the server's request timeout bounds how long that may take); a client that leaves ends it.
 */
function streamed(raw: IncomingMessage, limits: BodyLimits): Readable {
  const body = limitedBody(limits);
  raw.pipe(body);
  body.once('error', () => {
    raw.unpipe(body);
    raw.resume();
  });
  raw.once('error', () => body.destroy(new ClientGone()));
  raw.once('close', () => raw.complete || body.destroy(new ClientGone()));
  return body;
}

/** Node's parser never passes more than Content-Length; fewer means the client left. */
function readWhole(raw: IncomingMessage, length: number, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const whole = Buffer.allocUnsafe(length);
    let offset = 0;
    let idle = setTimeout(stalled, idleMs);
    function stalled() {
      raw.removeAllListeners('data');
      reject(bodyTimeout(idleMs));
    }
    raw.on('data', (chunk: Buffer) => {
      offset += chunk.copy(whole, offset);
      clearTimeout(idle);
      idle = setTimeout(stalled, idleMs);
    });
    const settle = (error?: Error) => {
      clearTimeout(idle);
      if (error) reject(error);
      else resolve(whole);
    };
    raw.once('end', () => settle(offset === length ? undefined : new ClientGone()));
    raw.once('error', () => settle(new ClientGone()));
    raw.once('close', () => raw.complete || settle(new ClientGone()));
  });
}

/**
 * Passes a request body through while counting it, and fails with a 413 once it exceeds the
 * limit (the declared Content-Length is checked up front by the caller, this catches chunked
 * uploads that never declared one), or with a 408 when it stalls.
 */
export function limitedBody({ maxBytes, idleMs }: BodyLimits): Transform {
  let seen = 0;
  let idle: NodeJS.Timeout | undefined = undefined;
  const body: Transform = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      watch();
      if (seen > maxBytes) callback(tooLarge(maxBytes));
      else callback(null, chunk);
    },
    flush(callback) {
      clearTimeout(idle);
      callback();
    },
    destroy(error, callback) {
      clearTimeout(idle);
      callback(error);
    },
  });
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => body.destroy(bodyTimeout(idleMs)), idleMs);
  };
  watch();
  return body;
}

function bodyTimeout(idleMs: number): BodyTimeout {
  return new BodyTimeout(`The request body paused for more than ${idleMs / 1000} s.`);
}
