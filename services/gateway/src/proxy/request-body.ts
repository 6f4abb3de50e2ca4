import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { limitedBody, WHOLE_BODY_LIMIT } from './body-limit.js';

/** The client went away before its body was complete: there is nobody left to answer. */
export class ClientGone extends Error {}

/**
 * What goes upstream as the body of a forwarded request (its declared size already checked
 * against the limit): none; a small declared one read whole, so the upstream request is one
 * write and a slow client never holds an upstream connection; or a stream through the limit
 * for large and chunked ones.
 */
export async function requestBody(raw: IncomingMessage, limit: number): Promise<Buffer | Readable | null> {
  const declared = Number(raw.headers['content-length'] ?? 0);
  const chunked = raw.headers['transfer-encoding'] !== undefined;
  if (!chunked && declared === 0) return null;
  if (!chunked && declared <= WHOLE_BODY_LIMIT) return readWhole(raw, declared);
  return pipeline(raw, limitedBody(limit), () => undefined);
}

/** Node's parser never passes more than Content-Length; fewer means the client left. */
function readWhole(raw: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const whole = Buffer.allocUnsafe(length);
    let offset = 0;
    raw.on('data', (chunk: Buffer) => {
      offset += chunk.copy(whole, offset);
    });
    raw.once('end', () => (offset === length ? resolve(whole) : reject(new ClientGone())));
    raw.once('error', () => reject(new ClientGone()));
    raw.once('close', () => raw.complete || reject(new ClientGone()));
  });
}
