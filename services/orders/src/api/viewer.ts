import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/viewer.js';

/** The signed-in person of a request that passed a user guard. */
export function viewerOf(request: FastifyRequest): Viewer {
  const principal = request.principal!;
  return {
    userId: principal.subject,
    admin: principal.roles.includes('admin'),
    support: principal.roles.includes('support'),
  };
}
