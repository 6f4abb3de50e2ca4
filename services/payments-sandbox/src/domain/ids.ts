import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text, the alphabet of Stripe's ids. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    // 62 * 4 = 248: dropping bytes >= 248 keeps every character equally likely.
    for (const byte of randomBytes(length)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** An object id as Stripe shapes them: `pi_3Q…`, `ch_3Q…`, `evt_3Q…` (24 characters after the prefix). */
export function newId(prefix: string): string {
  return `${prefix}_3${randomToken(23)}`;
}

export function newRequestId(): string {
  return `req_${randomToken(14)}`;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
