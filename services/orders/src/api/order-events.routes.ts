import { problems, type App, type Guards } from '@shop/platform';
import { Type } from 'typebox';
import { endNotice, type LiveStreams } from '../domain/live-streams.js';
import type { OrderTracking } from '../domain/order-tracking.js';
import { timelineView } from '../domain/order-view.js';
import { OrderParams } from './orders.schemas.js';
import { viewerOf } from './viewer.js';

/**
 * Live tracking over Server-Sent Events: `event: status`, `id:` the timeline entry id, `data:`
 * `{status, at, reason, tracking?}`. Resumable with Last-Event-ID, a heartbeat comment keeps
 * proxies from closing an idle stream, and the stream ends once the order is settled. A user holds
 * a few streams at most (429 beyond), and a stream ends after its maximum lifetime and when its
 * access token expires, saying so (`event: end`, `data: {reason, resume}`) so the client resumes.
 */
export interface OrderEventRoutesDeps {
  guards: Guards;
  tracking: OrderTracking;
  streams: LiveStreams;
  heartbeatMs: number;
}

export function registerOrderEventRoutes(
  app: App,
  { guards, tracking, streams, heartbeatMs }: OrderEventRoutesDeps,
) {
  // Open streams never go idle: end them when the server closes, or shutdown would wait on them.
  app.addHook('preClose', (done) => {
    streams.endAll('shutdown');
    done();
  });

  app.get(
    '/api/v1/orders/:id/events',
    {
      onRequest: guards.user,
      // A HEAD would open a stream that sends nothing and holds a place until the order settles.
      exposeHeadRoute: false,
      schema: {
        tags: ['orders'],
        operationId: 'streamOrderEvents',
        summary: 'Follow an order live (text/event-stream)',
        description:
          'At most a few streams per user at once (429 `too_many_streams` beyond). A stream ends when the ' +
          'order is settled, and also after its maximum lifetime or when its access token expires: then ' +
          'an `event: end` with `data: {"reason": …, "resume": true}` comes first, and the client opens ' +
          'the stream again (with a fresh token) sending the id of the last event it got as Last-Event-ID.',
        params: OrderParams,
        headers: Type.Object({
          'last-event-id': Type.Optional(
            Type.String({
              pattern: '^[0-9]{1,15}$',
              description: 'The id of the last event received (at most 15 digits)',
            }),
          ),
        }),
        produces: ['text/event-stream'],
        response: {
          200: Type.String({ description: 'A stream of `event: status` messages' }),
          ...problems(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const viewer = viewerOf(request);
      // Listened for before anything is awaited: a client that leaves while the order is read
      // must not leave a stream holding one of its places until the order settles.
      const left = new AbortController();
      reply.raw.once('close', () => left.abort());
      await tracking.assertFollowable(id, viewer);
      if (left.signal.aborted) return reply.hijack();
      const lastEventId = request.headers['last-event-id'];
      const { sessionId, expiresAt } = request.principal!;
      // Refused here, before the stream starts, so the answer is a plain 429 problem.
      const stream = streams.open({ userId: viewer.userId, sessionId, tokenExpiresAt: expiresAt });
      left.signal.addEventListener('abort', () => stream.end('client_closed'), { once: true });

      reply.hijack();
      const raw = reply.raw;
      let heartbeat: NodeJS.Timeout | undefined;
      try {
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no', // nginx-style proxies: do not buffer
          'x-request-id': request.id,
        });
        raw.write('retry: 2000\n\n');
        heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
        const entries = tracking.follow(id, lastEventId ? Number(lastEventId) : undefined, stream.signal);
        for await (const entry of entries) {
          raw.write(`event: status\nid: ${entry.id}\ndata: ${JSON.stringify(sseData(entry))}\n\n`);
        }
      } catch (error) {
        request.log.warn({ err: error, orderId: id }, 'order event stream failed');
      } finally {
        stream.end('settled'); // does nothing when another cause ended it first
        clearInterval(heartbeat);
        const notice = endNotice(stream.endedBecause);
        if (notice && !raw.destroyed) raw.write(`event: end\ndata: ${JSON.stringify(notice)}\n\n`);
        raw.end();
      }
    },
  );
}

function sseData(entry: Parameters<typeof timelineView>[0]) {
  const { status, at, reason, tracking } = timelineView(entry);
  return { status, at, reason, ...(tracking ? { tracking } : {}) };
}
