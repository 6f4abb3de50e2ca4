import { Transform, type TransformCallback } from 'node:stream';
import { BodyTooLarge } from './errors.js';

/**
 * Bodies up to this size (by Content-Length), the request's and the answer's, are read whole and
 * sent on in one write; larger ones stream.
 */
export const WHOLE_BODY_LIMIT = 64 * 1024;

/**
 * Passes a request body through while counting it, and fails with a 413 once it
 * exceeds `limit`: the declared Content-Length is checked up front by the caller,
 * this catches chunked uploads that never declared one.
 */
export function limitedBody(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

export function tooLarge(limit: number) {
  return new BodyTooLarge(`The request body is larger than ${limit} bytes.`);
}
