import type { Product, Viewer } from '../domain/product.js';
import type { ExpectedVersion } from '../domain/catalog.js';
import { IfMatchRequired, ProductChanged } from '../domain/errors.js';

/**
 * The ETag of a product representation. It names the product version and the stock
 * and rating versions (those change without a product edit, and a 304 must never
 * hide them), and the audience, since admins see more than customers.
 *
 *   "v7.s12.r3.public"
 *
 * If-Match on an edit is checked against the product version only: a sale or a new
 * review between reading and editing does not conflict with changing the description.
 */
export function productEtag(product: Product, viewer: Viewer): string {
  const audience = viewer.isAdmin ? 'admin' : 'public';
  return `"v${product.version}.s${product.stockVersion}.r${product.ratingVersion}.${audience}"`;
}

/** The product version an edit expects, from its If-Match header (RFC 9110 §13.1.1). */
export function expectedVersion(ifMatch: string | undefined, required: boolean): ExpectedVersion {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (required) throw new IfMatchRequired('Send If-Match with the ETag of the product you read.');
    return '*';
  }
  const tags = ifMatch.split(',').map((tag) => tag.trim());
  if (tags.includes('*')) return '*';
  // Weak tags never match for If-Match, so only strong ones count.
  const version = tags.map((tag) => /^"v(\d{1,9})(?:\.[^"]*)?"$/.exec(tag)?.[1]).find(Boolean);
  if (version === undefined) throw new ProductChanged('If-Match names no version of this product.');
  return Number(version);
}

/** Whether If-None-Match names this ETag (weak comparison, RFC 9110 §13.1.2). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
