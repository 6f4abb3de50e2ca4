import { BodyTooLarge } from './errors.js';

/**
 * Bodies up to this size (by Content-Length), the request's and the answer's, are read whole and
 * sent on in one write; larger ones stream.
 */
export const WHOLE_BODY_LIMIT = 64 * 1024;

export function tooLarge(limit: number) {
  return new BodyTooLarge(`The request body is larger than ${limit} bytes.`);
}
