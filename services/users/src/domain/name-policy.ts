import { InvalidName } from './errors.js';

// A link by its scheme or its usual prefix.
const LINK = /:\/\/|www\./i;
// A word, a dot and an ending of two or more letters: example.com, bit.ly, evil.co.uk. Any dot a
// mail reader may show as one counts (NFKC has already turned the fullwidth one into ".").
const DOMAIN = /[\p{L}\p{N}-]+(?:[.。｡][\p{L}\p{N}-]+)*[.。｡]\p{L}{2,}(?![\p{L}\p{N}])/u;

/**
 * A display name is shown to others (reviews) and in mails, so it must not be a way to put a
 * link in front of someone: no scheme, no "www.", nothing shaped like a domain name. The price
 * is that "Dr.Smith" has to be written "Dr. Smith". `name` is already normalised (NFKC).
 */
export function assertPlainName(name: string, field = 'body.name'): void {
  if (LINK.test(name) || DOMAIN.test(name)) {
    const message = 'must not look like a web address or a domain name (write "Dr. Smith", not "Dr.Smith")';
    throw new InvalidName({ detail: `The name ${message}.`, fields: [{ field, message }] });
  }
}
