import { isIPv4 } from 'node:net';
import { Type } from 'typebox';
import { problems, sendProblem, type App } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CaptureMailer } from '../adapters/capture-mailer.js';
import { Email, Strict } from './common.schemas.js';

const CapturedMail = Strict({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  links: Type.Array(Type.String()),
  sentAt: Type.String(),
});

/**
 * Development only (DEV_ROUTES=true, MAILER=capture): the captured mail of one address, newest
 * first. It holds every reset link, so it answers only a process on this machine talking to the
 * service directly: the socket's peer (not request.ip, which a trusted proxy may set) must be
 * loopback and the request must not have come through a proxy. Anyone else gets the 404 of an
 * unknown route.
 */
export interface DevRoutesDeps {
  mailer: CaptureMailer;
}

export function registerDevRoutes(app: App, { mailer }: DevRoutesDeps): void {
  app.get(
    '/dev/mailbox',
    {
      onRequest: onlyLocal,
      schema: {
        hide: true,
        operationId: 'getDevMailbox',
        summary: 'The captured mail of one address (development only, loopback peers)',
        tags: ['dev'],
        querystring: Strict({ to: Email }),
        response: { 200: Strict({ items: Type.Array(CapturedMail) }), ...problems(400, 404) },
      },
    },
    async (request) => ({ items: await mailer.mailbox(request.query.to) }),
  );
}

async function onlyLocal(request: FastifyRequest, reply: FastifyReply) {
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (!proxied && isLoopback(request.socket.remoteAddress)) return;
  return sendProblem(reply, {
    type: 'https://shop.dev/problems/not-found',
    title: 'Not Found',
    status: 404,
    code: 'not_found',
    detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    requestId: request.id,
  });
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1';
}
