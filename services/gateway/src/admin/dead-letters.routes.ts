import { PROBLEM_CONTENT_TYPE, problems, Unauthenticated, type App } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientFacts, upstreamRequestHeaders } from '../proxy/headers.js';
import type { Upstream } from '../proxy/forwarder.js';
import type { UpstreamName } from '../route-table.js';
import { gatherDeadLetters } from './gather-dead-letters.js';
import { AuthorizationHeaders, GatheredDeadLetters, ReplayParams, Replayed } from './dead-letters.schemas.js';

const tags = ['admin'];
/** The caller's token goes on to each service, which checks that it is an admin's. */
const config = { documentedGuard: 'role' } as const;

export interface DeadLetterRoutesDeps {
  upstreams: ReadonlyMap<UpstreamName, Upstream>;
  /** How long each service is given to answer. */
  timeoutMs: number;
}

/**
 * The shop's dead letters in one place: each service lists and replays its own (admin only,
 * checked by the service with the caller's token); the gateway asks them all and merges.
 */
export function registerDeadLetterRoutes(app: App, { upstreams, timeoutMs }: DeadLetterRoutesDeps): void {
  app.get(
    '/api/v1/admin/dead-letters',
    {
      config,
      schema: {
        operationId: 'listDeadLetters',
        tags,
        summary: "Every service's dead-lettered events (admin)",
        description:
          'Newest first, each tagged with its service. A service that cannot be asked is listed in `unavailable`.',
        headers: AuthorizationHeaders,
        response: { 200: GatheredDeadLetters, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const outcome = await gatherDeadLetters(upstreams, onBehalfOf(request), timeoutMs, request.log);
      if ('refused' in outcome) return relayProblem(reply, outcome.refused);
      return outcome;
    },
  );

  app.post(
    '/api/v1/admin/dead-letters/:service/:subscription/:id/replay',
    {
      config,
      schema: {
        operationId: 'replayDeadLetter',
        tags,
        summary: 'Send a dead-lettered event back to its subscription in its service (admin)',
        params: ReplayParams,
        headers: AuthorizationHeaders,
        response: { 202: Replayed, ...problems(400, 401, 403, 404, 503, 504) },
      },
    },
    async (request, reply) => {
      const { service, subscription, id } = request.params;
      const path = `/api/v1/admin/dead-letters/${encodeURIComponent(subscription)}/${encodeURIComponent(id)}/replay`;
      const answer = await upstreams.get(service)!.exchange('POST', path, onBehalfOf(request), timeoutMs);
      if (answer.status === 202) return reply.code(202).send({ replayed: true });
      return relayProblem(reply, answer);
    },
  );
}

/** The caller's token (each service checks it is an admin's) and the gateway's usual forwarding facts. */
function onBehalfOf(request: FastifyRequest) {
  const { authorization } = request.headers;
  if (!authorization) throw new Unauthenticated('Send an access token as "Authorization: Bearer <token>".');
  return upstreamRequestHeaders({ authorization, accept: 'application/json' }, clientFacts(request));
}

/** A service's refusal or problem, passed on as it is. */
function relayProblem(reply: FastifyReply, answer: { status: number; body: unknown }) {
  return reply.code(answer.status).type(PROBLEM_CONTENT_TYPE).send(answer.body);
}
