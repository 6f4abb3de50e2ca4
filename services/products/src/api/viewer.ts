import { isAdmin } from '@shop/platform';
import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/product.js';

export function viewerOf(request: FastifyRequest): Viewer {
  return { userId: request.principal?.subject, isAdmin: isAdmin(request.principal) };
}

/** Who a stock movement is booked to in the audit trail. */
export function actorOf(request: FastifyRequest): string {
  const principal = request.principal!;
  return `${principal.kind === 'service' ? 'service' : 'admin'}:${principal.subject}`;
}
